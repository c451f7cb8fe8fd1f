//! Government web pages around the text: the article in a CMS container
//! (or, in the second template, in an anonymous div found only by density),
//! with navigation, scripts, a share bar and a footer around it.

use super::is_cjk;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A paragraph as CMS editors leave it: indented with ideographic spaces,
/// a source line break in the middle, digits wrapped in spans, and a
/// non-breaking space before some numbers.
fn paragraph_html(text: &str, index: usize) -> String {
    let mut out = String::from("　　");
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let end = chars[i..].iter().position(|c| !c.is_ascii_digit() && *c != '.').map_or(chars.len(), |n| i + n);
            let number: String = chars[i..end].iter().collect();
            let nbsp = if index.is_multiple_of(2) && i > 0 && is_cjk(chars[i - 1]) { "&nbsp;" } else { "" };
            out.push_str(&format!("{nbsp}<span style=\"font-family:Times New Roman\">{number}</span>"));
            i = end;
            continue;
        }
        out.push_str(&escape(&c.to_string()));
        if i == chars.len() / 2 {
            out.push_str("\n        ");
        }
        i += 1;
    }
    out
}

const NOISE_HEAD: &str = r#"<script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; document.write("访问量统计 2025年");</script>
<style>.nav li{float:left} .zw p{line-height:2em}</style>"#;

const NAV: &str = r#"<div class="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zcwj/">政策文件</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 政府文件</div>"#;

const SHARE: &str = r#"<div class="bdsharebuttonbox"><span>分享到：</span><a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>
<div class="print-close"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>"#;

const FOOTER: &str = r#"<div class="footer"><p>主办单位：某市人民政府办公室　承办：某市大数据中心</p>
<p>网站标识码：4110000001　豫ICP备05012345号　豫公网安备 41100202000123号</p></div>
<script>$(function(){ $(".bds_weixin").click(function(){ alert("2035年"); }); });</script>"#;

/// A page with the first paragraph as its title and the rest as the article.
/// `template` 0 uses a TRS-style `#zoom` container; 1 an anonymous div.
pub fn page(paragraphs: &[String], template: usize, charset: &str) -> String {
    let (title, body) = paragraphs.split_first().expect("a document has a first line");
    let body: String = body
        .iter()
        .enumerate()
        .map(|(i, p)| format!("<p style=\"text-indent:2em\">{}</p>\n", paragraph_html(p, i)))
        .collect();
    let article = match template {
        0 => format!("<div id=\"zoom\"><div class=\"TRS_Editor\">\n{body}</div></div>"),
        _ => format!("<div class=\"wrap-main\"><div class=\"c1\">\n{body}</div></div>"),
    };
    format!(
        r#"<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title_text}_某市人民政府</title>{NOISE_HEAD}</head>
<body>{NAV}
<div class="main"><div class="article-title"><h1>{title_html}</h1></div>
<div class="info">发布时间：2024-06-06 10:21　来源：市政府办公室　浏览次数：1024</div>
{article}
{SHARE}
<div class="related"><h3>相关文章</h3><ul><li><a href="/a.html">关于2023年工作的报告</a></li></ul></div>
</div>{FOOTER}</body></html>"#,
        title_text = escape(title),
        title_html = escape(title),
    )
}

/// The page as bytes: UTF-8, or GBK for a `gb2312` page (as old CMSs do).
pub fn bytes(paragraphs: &[String], template: usize, gb2312: bool) -> Vec<u8> {
    if gb2312 {
        let page = page(paragraphs, template, "gb2312");
        encoding_rs::GBK.encode(&page).0.into_owned()
    } else {
        page(paragraphs, template, "utf-8").into_bytes()
    }
}
