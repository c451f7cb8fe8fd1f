//! The extractor runs on any string: no panic, spans in bounds, and every
//! target's `text` is exactly the chars its span covers.

use luoshi_extract::{Options, extract};
use luoshi_text::{Cell, PlainText, Span, Table};
use proptest::prelude::*;

/// Pieces of policy language, to make arbitrary strings look like documents.
const PIECES: &[&str] = &[
    "一、",
    "（一）",
    "(二)",
    "1.",
    "12、",
    "（3）",
    "第三章",
    "第二节",
    "专栏1",
    "。",
    "，",
    ",",
    "、",
    "；",
    ":",
    "：",
    "\n",
    "\r\n",
    "\t",
    "“",
    "”",
    "《",
    "》",
    "〔",
    "〕",
    "(",
    ")",
    "（",
    "）",
    "6.5%",
    "1700亿元以上",
    "两家",
    "百亿级",
    "千亿级",
    "300亿级",
    "1.5万户",
    "三成",
    "二〇二五年",
    "2—3个",
    "１２％",
    "以上",
    "左右",
    "达到",
    "不低于",
    "突破",
    "控制在",
    "以内",
    "6月底前",
    "6月中旬",
    "上半年",
    "一季度",
    "全年",
    "“十四五”末",
    "到2025年",
    "2022年10月底",
    "度夏前",
    "责任单位：",
    "牵头单位:",
    "市科学技术局",
    "各县〔市、区〕政府",
    "负责",
    "以下均需",
    "不再列出",
    "积极扩大有效投资",
    "力争",
    "确保",
    "新增",
    "企业",
    "项目",
    "家",
    "个",
    "的",
    "给予",
    "奖励",
    "预计",
    "5G",
    "第25届",
    "许政办〔2024〕4号",
    "百分之",
    "点",
    "万",
    "亿",
    "〇",
    "十",
    "零",
    " ",
    "\u{3000}",
    "—",
    "-",
    "至",
    "年",
    "月",
    "日",
];

fn check(text: &str, tables: Vec<Table>) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    let input = PlainText { text: text.to_string(), tables };
    let x = extract(&input, &Options { source: "p.txt".into(), year: None });
    for task in &x.tasks {
        prop_assert!(task.span.start <= task.span.end && task.span.end <= chars.len());
        for t in &task.targets {
            prop_assert!(
                t.span.start <= t.span.end && t.span.end <= chars.len(),
                "span {:?} of {}",
                t.span,
                chars.len()
            );
            let covered: String = chars[t.span.start..t.span.end].iter().collect();
            prop_assert_eq!(&covered, &t.text);
            prop_assert!(t.value.is_finite());
        }
    }
    for s in &x.sections {
        prop_assert!(s.span.end <= chars.len());
    }
    // Deterministic: the same input gives the same answer.
    prop_assert_eq!(x, extract(&input, &Options { source: "p.txt".into(), year: None }));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string(text in "\\PC*") {
        check(&text, Vec::new())?;
    }

    #[test]
    fn policy_like_strings(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..80)) {
        check(&pieces.concat(), Vec::new())?;
    }

    #[test]
    fn chinese_digits_and_punctuation(text in "[一二三四五六七八九十百千万亿两〇零0-9０-９.．%％、，。；：（）()“”年月日底前以上左右达到家个元\\n]{0,200}") {
        check(&text, Vec::new())?;
    }

    #[test]
    fn tables_with_arbitrary_spans(text in "[0-9一二年目标基数指标名称（）%\\t\\n]{0,80}", start in 0usize..100, len in 0usize..100, cells in prop::collection::vec("[0-9.%以上目标指标年]{0,6}", 0..6)) {
        // Tables whose spans do not match the text must not crash the extractor.
        let n = text.chars().count();
        let row: Vec<Cell> = cells.iter().enumerate().map(|(i, c)| Cell { text: c.clone(), span: Span::new((start + i).min(n), (start + i + c.chars().count()).min(n)) }).collect();
        let table = Table { rows: vec![vec![Cell { text: "指标名称".into(), span: Span::new(0, 0) }, Cell { text: "2025年目标".into(), span: Span::new(0, 0) }], row], span: Span::new(start.min(n), (start + len).min(n)) };
        let chars: Vec<char> = text.chars().collect();
        let input = PlainText { text: text.clone(), tables: vec![table] };
        let x = extract(&input, &Options::default());
        for task in &x.tasks {
            for t in &task.targets {
                prop_assert!(t.span.start <= t.span.end);
                let _ = &chars;
            }
        }
    }
}
