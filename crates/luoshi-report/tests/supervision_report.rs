//! The 督查通报 in its three formats, read back independently.

mod common;

use common::docx::{document_xml, part, part_names};
use common::report_input;
use luoshi_report::supervision::{render_docx, render_html, render_markdown};

const TITLE: &str = "关于清河市2025年政府工作报告重点工作任务推进情况的督查通报";

#[test]
fn markdown_says_counts_shares_groups_and_requirements() {
    let md = render_markdown(&report_input(false));
    assert!(md.starts_with(&format!("# {TITLE}\n")), "{md}");
    assert!(md.contains("共分解重点工作任务8项，其中设置量化目标的6项、量化指标7个"), "{md}");
    assert!(md.contains("欠进度的有2个，占25.0%"), "{md}");
    assert!(md.contains("逾期未完成的有1个，占12.5%"));
    assert!(md.contains("按指示灯统计，红灯2项、黄灯2项、绿灯4项"), "{md}");
    for heading in ["## 一、总体情况", "## 二、欠进度和逾期未完成任务情况", "## 三、未报送情况", "## 四、工作要求"] {
        assert!(md.contains(heading), "missing {heading}\n{md}");
    }
    assert!(!md.contains("双过半"), "no 双过半 section before mid-year data is given");
    // Behind and overdue tasks grouped by lead unit, with their narrative.
    assert!(md.contains("### （一）市发展和改革委员会（1项）") || md.contains("市发展和改革委员会（1项）"), "{md}");
    assert!(md.contains("扩大有效投资（欠进度，黄灯）"), "{md}");
    assert!(md.contains("完成年度投资680亿元以上：完成300亿元，为目标的44.1%，时间进度49.6%"), "{md}");
    assert!(md.contains("上半年完成投资300亿元"));
    assert!(md.contains("培育创新主体（逾期未完成，红灯）"));
    assert!(!md.contains("促进消费回升（"), "on-track tasks are not called out");
    assert!(md.contains("| 欠进度 | 2 | 25.0% |"), "{md}");
    assert!(md.contains("| 1 | 市住房和城乡建设局 | 7 办好民生实事 |"), "{md}");
    assert!(md.contains("压实工作责任"));
    assert!(md.contains("清河市人民政府督查室") && md.contains("2025年7月8日"));
}

#[test]
fn half_year_section_lists_the_tasks_short_of_half() {
    let md = render_markdown(&report_input(true));
    assert!(md.contains("## 四、“双过半”情况"), "{md}");
    assert!(md.contains("## 五、工作要求"));
    assert!(md.contains("实现“双过半”的3项，占50.0%；未实现“双过半”的3项"), "{md}");
    assert!(md.contains("| 1 | 扩大有效投资 | 市发展和改革委员会 | 44.1% |"), "{md}");
}

#[test]
fn html_is_self_contained_with_an_inline_chart() {
    let html = render_html(&report_input(true));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(&format!("<h1>{TITLE}</h1>")));
    assert!(html.contains("<style>") && html.contains("<svg"));
    assert_eq!(html.matches("class=\"status-row\"").count(), 6, "a bar per status");
    for external in ["<script", "<link", "src=", "href=", "@import", "url("] {
        assert!(!html.contains(external), "HTML must not load {external}");
    }
    assert!(html.contains("<td>欠进度</td><td>2</td><td>25.0%</td>"), "{html}");
    assert!(html.contains("<h2>四、“双过半”情况</h2>"));
}

#[test]
fn docx_has_title_sections_tables_fonts_and_chart() {
    let bytes = render_docx(&report_input(true)).expect("render .docx");
    let doc = document_xml(&bytes);
    assert_eq!(doc.paragraphs.first().map(String::as_str), Some(TITLE));
    let headings: Vec<&String> = doc.paragraphs.iter().filter(|p| p.chars().count() < 30 && p.contains('、') && !p.contains('，')).collect();
    for heading in ["一、总体情况", "二、欠进度和逾期未完成任务情况", "三、未报送情况", "四、“双过半”情况", "五、工作要求"] {
        assert!(headings.iter().any(|h| h.as_str() == heading), "missing {heading} in {headings:?}");
    }
    assert!(doc.paragraphs.iter().any(|p| p.contains("欠进度的有2个，占25.0%")));
    assert!(doc.paragraphs.iter().any(|p| p == "（一）市发展和改革委员会（1项）" || p == "（一）市人力资源和社会保障局（1项）"));
    assert!(doc.paragraphs.iter().any(|p| p.contains("上半年完成投资300亿元")));
    assert_eq!(doc.paragraphs.last().map(String::as_str), Some("2025年7月8日"));

    // Tables: status counts, 未报送, 双过半; each bordered.
    assert_eq!(doc.tables.len(), 3, "{:?}", doc.tables);
    assert_eq!(doc.bordered_tables, 3);
    let status_table = &doc.tables[0];
    assert_eq!(status_table[0], ["状态", "任务数（项）", "占比"]);
    assert!(status_table.contains(&vec!["欠进度".to_string(), "2".into(), "25.0%".into()]));
    assert!(status_table.contains(&vec!["合计".to_string(), "8".into(), "100.0%".into()]));
    assert_eq!(doc.tables[2][1], ["1", "扩大有效投资", "市发展和改革委员会", "44.1%"]);

    // 公文 fonts as East Asian font names; 宋体 as the document default.
    for font in ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"] {
        assert!(doc.east_asia_fonts.iter().any(|f| f == font), "no {font} in {:?}", doc.east_asia_fonts);
    }
    let styles = String::from_utf8(part(&bytes, "word/styles.xml").expect("styles.xml")).unwrap();
    assert!(styles.contains("w:eastAsia=\"宋体\""), "宋体 fallback in docDefaults");

    // The chart: one inline picture, a PNG in word/media.
    assert_eq!(doc.pictures.len(), 1);
    let media: Vec<String> = part_names(&bytes).into_iter().filter(|n| n.starts_with("word/media/") && !n.ends_with('/')).collect();
    assert_eq!(media.len(), 1, "{media:?}");
    let png = part(&bytes, &media[0]).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let rels = String::from_utf8(part(&bytes, "word/_rels/document.xml.rels").unwrap()).unwrap();
    assert!(rels.contains(&doc.pictures[0]), "the picture's relationship exists");
}

#[test]
fn a_task_with_a_behind_target_is_called_out_even_when_partly_unreported() {
    let mut input = report_input(false);
    input.tasks[0].status = luoshi_ledger::Status::NotReported;
    let md = render_markdown(&input);
    let lagging = &md[md.find("## 二、").unwrap()..md.find("## 三、").unwrap()];
    assert!(lagging.contains("1.扩大有效投资（未报送，黄灯）"), "{lagging}");
    assert!(lagging.contains("完成300亿元，为目标的44.1%"));
}
