//! .html: the article body of a government web page. Navigation, scripts,
//! share bars and footers are dropped; paragraphs and tables are kept.

use scraper::{ElementRef, Html, Node, Selector};

use crate::builder::TextBuilder;
use crate::error::Reason;
use crate::spaces::normalise_line;
use luoshi_text::PlainText;

/// Where government CMSs (TRS, 政府网站集约化平台, …) put the article text,
/// most specific first.
const ARTICLE_SELECTORS: &[&str] = &[
    "#UCAP-CONTENT", "#zoom", ".TRS_Editor", ".TRS_UEDITOR", "#Zoom", ".pages_content",
    ".article-content", ".article_content", "#article", ".zw", "#zw", ".content_text",
    ".news_content", "#content", ".content", "article", "main",
];

/// Elements that never hold article text.
const NOISE_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "iframe",
    "select", "template", "svg", "canvas", "object", "head",
];

/// id/class fragments of navigation and page furniture.
const NOISE_MARKERS: &[&str] = &[
    "share", "bdshare", "jiathis", "nav", "menu", "breadcrumb", "crumb", "footer", "toolbar",
    "print", "related", "pagination", "sidebar", "qrcode", "fenxiang",
];

/// Elements that start a new line of text.
const BLOCK_TAGS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "blockquote",
    "pre", "dd", "dt", "center", "ul", "ol", "dl", "main", "td", "th", "tr", "caption", "hr",
];

/// A table whose cells hold long text is page layout, not data.
const LAYOUT_CELL_CHARS: usize = 200;
/// A header row has at least this many cells…
const HEADER_MIN_CELLS: usize = 3;
/// …each a label of at most this many chars.
const HEADER_LABEL_CHARS: usize = 10;

pub fn read(bytes: &[u8]) -> Result<PlainText, Reason> {
    let source = decode(bytes)?;
    let page = Html::parse_document(&source);
    let body = article_body(&page);
    let mut walker = Walker { builder: TextBuilder::new(), line: String::new() };
    if let Some(title) = title_outside(&page, body) {
        walker.builder.push_paragraph(&title);
    }
    walker.walk(body);
    walker.flush();
    Ok(walker.builder.finish())
}

/// The page's bytes as text: BOM, then `<meta charset>`, then UTF-8, then
/// detection. GB2312 and GBK pages decode as GB18030, their superset.
fn decode(bytes: &[u8]) -> Result<String, Reason> {
    let encoding = encoding_rs::Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| declared_charset(bytes))
        .or_else(|| std::str::from_utf8(bytes).is_ok().then_some(encoding_rs::UTF_8))
        .unwrap_or_else(|| {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow)
        });
    let encoding = if encoding == encoding_rs::GBK { encoding_rs::GB18030 } else { encoding };
    let (text, _, _) = encoding.decode(bytes);
    if text.contains('\0') {
        return Err(Reason::Binary);
    }
    Ok(text.into_owned())
}

fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// A CMS container with less text than this is a widget, not the article.
const MIN_ARTICLE_CHARS: usize = 20;

/// The element holding the article: the fullest known CMS container
/// outside page furniture, else the element with the most paragraph text
/// directly inside it.
fn article_body(page: &Html) -> ElementRef<'_> {
    for selector in ARTICLE_SELECTORS {
        let Ok(selector) = Selector::parse(selector) else { continue };
        let fullest = page
            .select(&selector)
            .filter(|e| !is_noise(*e) && !e.ancestors().filter_map(ElementRef::wrap).any(is_noise))
            .max_by_key(|e| text_len(*e));
        if let Some(element) = fullest.filter(|e| text_len(*e) >= MIN_ARTICLE_CHARS) {
            return element;
        }
    }
    densest_paragraph_parent(page).unwrap_or_else(|| page.root_element())
}

fn densest_paragraph_parent(page: &Html) -> Option<ElementRef<'_>> {
    let paragraphs = Selector::parse("p").ok()?;
    let mut best: Option<(usize, ElementRef<'_>)> = None;
    for paragraph in page.select(&paragraphs) {
        let Some(parent) = paragraph.parent().and_then(ElementRef::wrap) else { continue };
        let score: usize = parent
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| c.value().name() == "p")
            .map(text_len)
            .sum();
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, parent));
        }
    }
    best.map(|(_, e)| e)
}

fn text_len(element: ElementRef<'_>) -> usize {
    element.text().map(|t| t.trim().chars().count()).sum()
}

/// The page title when the article body does not contain it: the first
/// `<h1>` outside the body, else `<meta name="ArticleTitle">`.
fn title_outside(page: &Html, body: ElementRef<'_>) -> Option<String> {
    let body_text: String = body.text().collect();
    let h1 = Selector::parse("h1").ok()?;
    let meta = Selector::parse(r#"meta[name="ArticleTitle"]"#).ok()?;
    let title = page
        .select(&h1)
        .find(|h| !is_noise(*h) && !h.ancestors().filter_map(ElementRef::wrap).any(is_noise))
        .map(|h| h.text().collect::<String>())
        .or_else(|| page.select(&meta).next().and_then(|m| m.attr("content")).map(str::to_owned))?;
    let title = normalise_line(&title.replace('\n', " "));
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    (!title.is_empty() && !compact(&body_text).contains(&compact(&title))).then_some(title)
}

fn is_noise(element: ElementRef<'_>) -> bool {
    let value = element.value();
    if NOISE_TAGS.contains(&value.name()) {
        return true;
    }
    let marked = |s: &str| {
        let s = s.to_ascii_lowercase();
        NOISE_MARKERS.iter().any(|m| s.contains(m))
    };
    value.id().is_some_and(marked) || value.classes().any(marked)
        || value.attr("style").is_some_and(|s| s.replace(' ', "").contains("display:none"))
}

struct Walker {
    builder: TextBuilder,
    /// The line being collected; whitespace is normalised when it is flushed.
    line: String,
}

impl Walker {
    fn walk(&mut self, element: ElementRef<'_>) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.line.push_str(text),
                Node::Element(_) => {
                    let Some(child) = ElementRef::wrap(child) else { continue };
                    let name = child.value().name();
                    if is_noise(child) {
                        continue;
                    }
                    if name == "br" {
                        self.flush();
                    } else if name == "table" && is_data_table(child) {
                        self.flush();
                        self.builder.push_table(table_rows(child));
                    } else if BLOCK_TAGS.contains(&name) {
                        self.flush();
                        self.walk(child);
                        self.flush();
                    } else {
                        self.walk(child);
                    }
                }
                _ => {}
            }
        }
    }

    fn flush(&mut self) {
        let line = normalise_line(&self.line.replace(['\n', '\r'], " "));
        self.builder.push_paragraph(&line);
        self.line.clear();
    }
}

fn table_rows(table: ElementRef<'_>) -> Vec<Vec<String>> {
    let (Ok(rows), Ok(cells)) = (Selector::parse("tr"), Selector::parse("td, th")) else { return Vec::new() };
    table
        .select(&rows)
        .map(|row| {
            row.select(&cells)
                .map(|cell| {
                    let text: Vec<String> =
                        cell.text().map(|t| normalise_line(&t.replace(['\n', '\r'], " "))).collect();
                    normalise_line(&text.join(" "))
                })
                .collect()
        })
        .collect()
}

/// Data, not layout: no table inside it, and either short cells only or a
/// header row of short labels over long cells (a 分工方案's 重点任务 column).
fn is_data_table(table: ElementRef<'_>) -> bool {
    let (Ok(cells), Ok(nested), Ok(rows)) = (Selector::parse("td, th"), Selector::parse("table"), Selector::parse("tr"))
    else {
        return false;
    };
    let labelled = table.select(&rows).next().is_some_and(|header| {
        let labels: Vec<usize> = header.select(&cells).map(text_len).collect();
        labels.len() >= HEADER_MIN_CELLS && labels.iter().all(|&n| (1..=HEADER_LABEL_CHARS).contains(&n))
    });
    table.select(&nested).next().is_none()
        && (labelled || table.select(&cells).all(|cell| text_len(cell) <= LAYOUT_CELL_CHARS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_body_without_page_furniture() {
        let page = r#"<html><head><meta charset="utf-8"><title>t</title><script>var x="导航";</script></head>
        <body><header><h1>某市人民政府门户网站</h1></header><div class="nav"><a>首页</a><a>政务公开</a></div>
        <h1>关于印发若干措施的通知</h1>
        <div class="bdshare">分享到：微信</div>
        <div id="zoom"><p>　　一、总体要求</p><p>到 2025 年，新增
        上市企业 3 家以上。</p>
        <table><tr><td>指标名称</td><td>2025年目标</td></tr><tr><td>研发投入强度（%）</td><td>2.5</td></tr></table>
        </div><div class="footer">主办单位：某市人民政府</div></body></html>"#;
        let plain = read(page.as_bytes()).unwrap();
        assert!(!plain.text.contains("网站"), "the logo heading in <header> is not the title");
        assert_eq!(
            plain.text,
            "关于印发若干措施的通知\n一、总体要求\n到2025年，新增上市企业3家以上。\n指标名称\t2025年目标\n研发投入强度（%）\t2.5"
        );
        assert_eq!(plain.tables.len(), 1);
        assert_eq!(plain.tables[0].rows[1][1].text, "2.5");
    }

    #[test]
    fn the_fullest_container_is_the_article() {
        let page = r#"<html><body><div class="side"><div class="content">热点：2024年</div></div>
        <div class="content"><p>一、总体要求</p><p>到2025年，全市规上工业增加值年均增长8%以上。</p></div></body></html>"#;
        assert_eq!(read(page.as_bytes()).unwrap().text, "一、总体要求\n到2025年，全市规上工业增加值年均增长8%以上。");
    }

    #[test]
    fn gb2312_pages_decode() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>规上工业增加值增长8%</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        assert_eq!(read(&bytes).unwrap().text, "规上工业增加值增长8%");
    }
}
