//! A .docx with a real indicator table (指标表): the table reaches the
//! extractor as rows and cells, and targets come from the target column,
//! never from the baseline column.

mod render;

use luoshi_extract::{Options, extract};
use luoshi_text::{PlainText, Span};
use render::Block;

const TABLE: [[&str; 4]; 5] = [
    ["指标名称", "2020年基数", "2025年目标", "属性"],
    ["规上工业增加值年均增速（%）", "6.2", "8", "预期性"],
    ["规上工业企业数量（家）", "1200", "1500", "预期性"],
    ["研发经费投入强度（%）", "1.8", "2.5", "预期性"],
    ["单位工业增加值能耗下降（%）", "—", "15", "约束性"],
];
const BASELINE_COLUMN: usize = 1;
const TARGET_COLUMN: usize = 2;

fn plan() -> Vec<Block> {
    let paragraph = |s: &str| Block::Paragraph(s.to_owned());
    vec![
        paragraph("某市“十四五”工业发展规划（2021—2025年）"),
        paragraph("一、发展目标"),
        paragraph("到2025年，全市工业经济实现高质量发展，主要指标如下："),
        Block::Table(TABLE.iter().map(|row| row.iter().map(|c| c.to_string()).collect()).collect()),
        paragraph("二、重点任务"),
        paragraph("（一）做强先进制造业。到2025年，新增“专精特新”企业30家以上。"),
        paragraph("（二）推进数字化转型。2025年底前，完成200家企业智能化改造。"),
    ]
}

fn read() -> PlainText {
    luoshi_read::read_bytes("规划.docx", &render::docx::bytes(&plan())).expect("the plan reads")
}

fn slice(text: &str, span: Span) -> String {
    text.chars().skip(span.start).take(span.len()).collect()
}

#[test]
fn table_is_kept_as_rows_and_cells() {
    let plain = read();
    assert_eq!(plain.tables.len(), 1);
    let table = &plain.tables[0];
    let cells: Vec<Vec<&str>> = table.rows.iter().map(|r| r.iter().map(|c| c.text.as_str()).collect()).collect();
    assert_eq!(cells, TABLE.iter().map(|r| r.to_vec()).collect::<Vec<_>>());
    for cell in table.rows.iter().flatten() {
        assert_eq!(slice(&plain.text, cell.span), cell.text, "cell span points at its text");
    }
    // In the text, one row per line, cells separated by tabs.
    assert!(plain.text.contains("\n规上工业企业数量（家）\t1200\t1500\t预期性\n"), "{}", plain.text);
    assert_eq!(slice(&plain.text, table.span).lines().count(), TABLE.len());
}

#[test]
fn numbering_labels_appear_and_page_furniture_does_not() {
    let text = read().text;
    for expected in ["一、发展目标", "二、重点任务", "（一）做强先进制造业", "（二）推进数字化转型"] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    for furniture in ["页眉", "批注", "SET 序号", "已删除"] {
        assert!(!text.contains(furniture), "{furniture} leaked into:\n{text}");
    }
}

#[test]
fn targets_come_from_the_target_column() {
    let plain = read();
    let table = &plain.tables[0];
    let extraction = extract(&plain, &Options { source: "规划.docx".into(), year: None });
    let targets: Vec<_> = extraction.tasks.iter().flat_map(|t| &t.targets).collect();
    let column_of = |span: Span| {
        table.rows.iter().find_map(|row| row.iter().position(|cell| cell.span.overlaps(&span)))
    };
    for target in &targets {
        assert_ne!(column_of(target.span), Some(BASELINE_COLUMN), "target from the baseline column: {target:?}");
        if let Some(column) = column_of(target.span) {
            assert_eq!(column, TARGET_COLUMN, "target from column {column}: {target:?}");
        }
    }
    // Each indicator row gives exactly one target, from its target cell.
    for row in &table.rows[1..] {
        let in_row = targets.iter().filter(|t| row.iter().any(|c| c.span.overlaps(&t.span))).count();
        assert_eq!(in_row, 1, "row {:?} gives {in_row} targets: {targets:?}", row[0].text);
    }
}
