//! What a 督查通报 says: from the view model to a [`ReportDocument`].

use super::document::{Block, ReportDocument, Section, Table, chinese_ordinal};
use crate::domain::{Light, Status};
use crate::model::{SupervisionReportInput, TaskView, TargetView};
use crate::summary::{StatusSummary, format_percent, format_share, status_rows, summarise_tasks};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Words that end a plan's title but not the name of its work
/// ("…政府工作报告重点工作任务分工方案" → "…政府工作报告").
const TITLE_SUFFIXES: [&str; 5] = ["重点工作任务分工方案", "工作任务分工方案", "任务分工方案", "分工方案", "重点工作任务"];

/// Wrappers of a 印发 notice around the plan's own name
/// ("关于印发《…分工方案》的通知" → "…分工方案").
const NOTICE_PREFIXES: [&str; 2] = ["关于印发", "印发"];
const NOTICE_SUFFIXES: [&str; 1] = ["的通知"];

/// The statuses section 二 calls out.
const LAGGING: [Status; 2] = [Status::Behind, Status::Overdue];

/// 工作要求 when the caller gives none.
const STANDARD_REQUIREMENTS: [&str; 3] = [
    "（一）压实工作责任。各牵头单位要切实履行牵头职责，对照目标任务和时间节点，细化工作措施，确保各项任务按期保质完成。",
    "（二）加快滞后任务推进。对欠进度、逾期未完成的任务，责任单位要深入分析原因，制定整改措施，明确完成时限，并于下一调度周期前报送整改情况。",
    "（三）严格落实报送制度。各责任单位要按时、如实报送工作进展，对未按要求报送的单位，将予以通报，并纳入年度绩效考核。",
];

/// `2025年6月30日`
pub fn chinese_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// The plan's own name, without a 印发 notice around it or book-title marks.
pub fn plan_name(document_title: &str) -> String {
    let mut name = document_title.trim();
    if let Some(rest) = NOTICE_PREFIXES.iter().find_map(|p| name.strip_prefix(p)) {
        name = NOTICE_SUFFIXES.iter().find_map(|s| rest.strip_suffix(s)).unwrap_or(rest);
    }
    name.trim_start_matches('《').trim_end_matches('》').to_string()
}

/// 关于…重点工作任务推进情况的督查通报
pub fn report_title(document_title: &str) -> String {
    let name = plan_name(document_title);
    let trimmed = name.as_str();
    let base = TITLE_SUFFIXES
        .iter()
        .find_map(|suffix| trimmed.strip_suffix(suffix))
        .unwrap_or(trimmed);
    format!("关于{base}重点工作任务推进情况的督查通报")
}

/// Builds the report's sections in order, numbering them as they come.
pub fn build_report(input: &SupervisionReportInput) -> ReportDocument {
    let date = chinese_date(input.as_of);
    let mut sections = vec![
        ("总体情况", overall(input, &date)),
        ("欠进度和逾期未完成任务情况", lagging(input, &date)),
        ("未报送情况", not_reported(input, &date)),
    ];
    if let Some(blocks) = half_year(input) {
        sections.push(("“双过半”情况", blocks));
    }
    sections.push(("工作要求", requirements(input)));
    ReportDocument {
        title: report_title(&input.document_title),
        addressees: input.addressees.clone(),
        opening: format!(
            "为推动《{}》各项重点工作任务落地落实，{}对截至{}的任务推进情况进行了调度。现将有关情况通报如下：",
            plan_name(&input.document_title),
            input.issuer,
            date
        ),
        sections: sections
            .into_iter()
            .enumerate()
            .map(|(i, (name, blocks))| Section { heading: format!("{}、{}", chinese_ordinal(i + 1), name), blocks })
            .collect(),
        signature: vec![input.issuer.clone(), chinese_date(input.issued_on)],
    }
}

fn overall(input: &SupervisionReportInput, date: &str) -> Vec<Block> {
    let tasks = &input.tasks;
    let counts = summarise_tasks(tasks);
    let with_targets = tasks.iter().filter(|t| !t.targets.is_empty()).count();
    let target_count: usize = tasks.iter().map(|t| t.targets.len()).sum();
    let mut blocks = Vec::new();
    let phrases: Vec<String> = status_rows(&counts).filter(|(_, n)| *n > 0).map(|(s, _)| counts.phrase(s)).collect();
    let mut opening = format!(
        "《{}》共分解重点工作任务{}项，其中设置量化目标的{}项、量化指标{}个。",
        plan_name(&input.document_title),
        tasks.len(),
        with_targets,
        target_count
    );
    if phrases.is_empty() {
        opening.push_str(&format!("截至{date}，暂无可评估的任务。"));
    } else {
        opening.push_str(&format!("截至{date}，{}。", phrases.join("；")));
    }
    blocks.push(Block::Paragraph(opening));

    // Only the status counts of targets are read; their lights are not reported.
    let target_counts = StatusSummary::from_judgements(
        tasks.iter().flat_map(|t| &t.targets).filter_map(|t| t.status).map(|s| (s, Light::Green)),
    );
    if target_counts.total > 0 {
        let phrases: Vec<String> =
            status_rows(&target_counts).filter(|(_, n)| *n > 0).map(|(s, _)| target_counts.phrase(s)).collect();
        blocks.push(Block::Paragraph(format!("从量化指标看，{}。", phrases.join("；"))));
    }
    let lights = [Light::Red, Light::Yellow, Light::Green]
        .map(|light| format!("{}灯{}项", light.label(), counts.count_light(light)));
    blocks.push(Block::Paragraph(format!("按指示灯统计，{}。", lights.join("、"))));
    blocks.push(Block::Table(Table {
        headers: vec!["状态".into(), "任务数（项）".into(), "占比".into()],
        rows: status_rows(&counts)
            .map(|(s, n)| vec![s.label().to_string(), n.to_string(), format_share(counts.share(s))])
            .chain(std::iter::once(vec!["合计".into(), counts.total.to_string(), format_percent(100.0)]))
            .collect(),
    }));
    blocks.push(Block::StatusChart);
    blocks
}

/// Behind or overdue, as a task or in any of its targets (a task whose
/// other targets went unreported is judged 未报送 but still lags).
fn is_lagging(task: &TaskView) -> bool {
    LAGGING.contains(&task.status) || task.targets.iter().any(|t| t.status.is_some_and(|s| LAGGING.contains(&s)))
}

fn lead_unit(task: &TaskView) -> &str {
    task.lead_units.first().map(String::as_str).unwrap_or("未明确牵头单位")
}

fn lagging(input: &SupervisionReportInput, date: &str) -> Vec<Block> {
    let mut by_unit: BTreeMap<&str, Vec<&TaskView>> = BTreeMap::new();
    for task in input.tasks.iter().filter(|t| is_lagging(t)) {
        by_unit.entry(lead_unit(task)).or_default().push(task);
    }
    if by_unit.is_empty() {
        return vec![Block::Paragraph(format!("截至{date}，无欠进度和逾期未完成任务。"))];
    }
    let total: usize = by_unit.values().map(Vec::len).sum();
    let mut units: Vec<(&str, Vec<&TaskView>)> = by_unit.into_iter().collect();
    units.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    let mut blocks = vec![Block::Paragraph(format!(
        "截至{date}，欠进度和逾期未完成的任务共{total}项，涉及{}个牵头单位，按牵头单位列示如下：",
        units.len()
    ))];
    for (i, (unit, tasks)) in units.iter().enumerate() {
        blocks.push(Block::SubHeading(format!("（{}）{}（{}项）", chinese_ordinal(i + 1), unit, tasks.len())));
        for task in tasks {
            blocks.push(Block::Paragraph(task_paragraph(task)));
        }
    }
    blocks
}

/// `1.扩大有效投资（欠进度，黄灯）。完成年度投资…：完成300亿元，为目标的44.1%，时间进度49.6%。进展情况：…`
fn task_paragraph(task: &TaskView) -> String {
    let mut text = format!("{}.{}（{}，{}灯）。", task.number, task.title, task.status.label(), task.light.label());
    for target in &task.targets {
        if let Some(progress) = target_progress(target) {
            text.push_str(&progress);
        }
    }
    match &task.latest {
        Some(report) => {
            text.push_str(&format!("进展情况（截至{}）：{}", chinese_date(report.as_of), end_sentence(&report.narrative)));
            if !report.problems.trim().is_empty() {
                text.push_str(&format!("存在问题：{}", end_sentence(&report.problems)));
            }
        }
        None => text.push_str("尚未报送进展情况。"),
    }
    text
}

fn target_progress(target: &TargetView) -> Option<String> {
    let actual = target.actual?;
    let mut text = format!("{}：完成{}{}", target.description, format_number(actual), target.unit);
    if let Some(w) = target.work_progress {
        text.push_str(&format!("，为目标的{}", format_percent(w * 100.0)));
    }
    if let Some(t) = target.time_progress {
        text.push_str(&format!("，时间进度{}", format_percent(t * 100.0)));
    }
    text.push('。');
    Some(text)
}

/// 450 → "450", 2.5 → "2.5".
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let text = format!("{value:.4}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn end_sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['。', '！', '；', '.']) { text.to_string() } else { format!("{text}。") }
}

fn not_reported(input: &SupervisionReportInput, date: &str) -> Vec<Block> {
    if input.non_reporting.is_empty() {
        return vec![Block::Paragraph(format!("截至{date}，各责任单位均已按时报送进展情况。"))];
    }
    let task_count: usize = input.non_reporting.iter().map(|u| u.tasks.len()).sum();
    let names: Vec<&str> = input.non_reporting.iter().map(|u| u.unit.as_str()).collect();
    let who = match names.len() {
        1 => names[0].to_string(),
        2 | 3 => format!("{}{}个单位", names.join("、"), names.len()),
        n => format!("{}等{}个单位", names[..3].join("、"), n),
    };
    vec![
        Block::Paragraph(format!("截至{date}，{who}未按时报送{task_count}项任务的进展情况，已列入催办清单。")),
        Block::Table(Table {
            headers: vec!["序号".into(), "单位".into(), "未报送任务".into()],
            rows: input
                .non_reporting
                .iter()
                .enumerate()
                .map(|(i, u)| vec![(i + 1).to_string(), u.unit.clone(), u.tasks.join("；")])
                .collect(),
        }),
    ]
}

fn half_year(input: &SupervisionReportInput) -> Option<Vec<Block>> {
    let check = input.half_year.as_ref()?;
    let share = if check.judged == 0 { 0.0 } else { check.passed as f64 * 100.0 / check.judged as f64 };
    let mut blocks = vec![Block::Paragraph(format!(
        "按照“时间过半、任务过半”要求，{}项设置量化目标的任务中，实现“双过半”的{}项，占{}；未实现“双过半”的{}项{}",
        check.judged,
        check.passed,
        format_percent(share),
        check.failing.len(),
        if check.failing.is_empty() { "。" } else { "，具体如下：" }
    ))];
    if !check.failing.is_empty() {
        blocks.push(Block::Table(Table {
            headers: vec!["序号".into(), "工作任务".into(), "牵头单位".into(), "完成进度".into()],
            rows: check
                .failing
                .iter()
                .map(|f| vec![f.number.clone(), f.title.clone(), f.lead_unit.clone(), format_percent(f.work_progress * 100.0)])
                .collect(),
        }));
    }
    Some(blocks)
}

fn requirements(input: &SupervisionReportInput) -> Vec<Block> {
    if input.requirements.is_empty() {
        STANDARD_REQUIREMENTS.iter().map(|p| Block::Paragraph(p.to_string())).collect()
    } else {
        input.requirements.iter().cloned().map(Block::Paragraph).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_drops_the_plan_suffix() {
        assert_eq!(
            report_title("清河市2025年政府工作报告重点工作任务分工方案"),
            "关于清河市2025年政府工作报告重点工作任务推进情况的督查通报"
        );
        assert_eq!(report_title("《若干措施》"), "关于若干措施重点工作任务推进情况的督查通报");
        assert_eq!(
            report_title("关于印发清河市2025年政府工作报告重点工作任务分工方案的通知"),
            "关于清河市2025年政府工作报告重点工作任务推进情况的督查通报"
        );
        assert_eq!(plan_name("关于印发《促进消费若干措施》的通知"), "促进消费若干措施");
    }

    #[test]
    fn numbers_print_without_trailing_zeros() {
        assert_eq!(format_number(450.0), "450");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(0.125), "0.125");
    }
}
