//! A small ledger in the shape of samples/demo-plan-2025.txt, judged as of
//! 2025-06-30, for the report and spreadsheet tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use luoshi_ledger::{Light, Status};
use luoshi_report::{
    HalfYearCheck, HalfYearShortfall, LatestReport, NonReportingUnit, SupervisionReportInput, TargetView, TaskView,
};

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn target(id: i64, description: &str, metric: &str, value: f64, unit: &str, actual: Option<f64>, status: Option<Status>) -> TargetView {
    TargetView {
        id,
        description: description.into(),
        metric: metric.into(),
        value,
        unit: unit.into(),
        deadline: Some(date(2025, 12, 31)),
        actual,
        work_progress: actual.map(|a| a / value),
        time_progress: Some(0.496),
        status,
    }
}

#[allow(clippy::too_many_arguments)]
fn task(
    id: i64,
    number: &str,
    section: &str,
    title: &str,
    lead: &[&str],
    co: &[&str],
    status: Status,
    light: Light,
    narrative: Option<&str>,
    targets: Vec<TargetView>,
) -> TaskView {
    TaskView {
        id,
        number: number.into(),
        section: Some(section.into()),
        title: title.into(),
        text: format!("{title}。具体工作按分工方案推进。"),
        lead_units: lead.iter().map(|s| s.to_string()).collect(),
        co_units: co.iter().map(|s| s.to_string()).collect(),
        deadline: Some(date(2025, 12, 31)),
        deadline_text: None,
        status,
        light,
        latest: narrative.map(|n| LatestReport {
            as_of: date(2025, 6, 30),
            narrative: n.into(),
            problems: if status == Status::Behind { "项目前期手续办理较慢".into() } else { String::new() },
            next_steps: "加快推进".into(),
        }),
        targets,
    }
}

pub const ECONOMY: &str = "一、稳住经济增长基本盘";
pub const INNOVATION: &str = "二、增强创新驱动能力";
pub const LIVELIHOOD: &str = "三、持续改善民生福祉";

/// Eight tasks: 1 done, 1 ahead, 2 on track, 2 behind, 1 overdue, 1 not reported.
pub fn tasks() -> Vec<TaskView> {
    vec![
        task(101, "1", ECONOMY, "扩大有效投资", &["市发展和改革委员会"], &["市财政局", "市自然资源和规划局"], Status::Behind, Light::Yellow,
            Some("上半年完成投资300亿元"), vec![
                target(1001, "完成年度投资680亿元以上", "投资", 680.0, "亿元", Some(300.0), Some(Status::Behind)),
                target(1002, "新谋划亿元以上项目120个", "亿元以上项目", 120.0, "个", Some(70.0), Some(Status::Ahead)),
            ]),
        task(102, "2", ECONOMY, "促进消费回升", &["市商务局"], &["市市场监督管理局"], Status::OnTrack, Light::Green,
            Some("社会消费品零售总额增长5.8%"), vec![
                target(1003, "社会消费品零售总额增长6%左右", "社会消费品零售总额增速", 6.0, "%", Some(5.8), Some(Status::OnTrack)),
            ]),
        task(103, "3", ECONOMY, "稳定工业运行", &["市工业和信息化局"], &[], Status::Ahead, Light::Green,
            Some("规上工业增加值增长8.1%"), vec![
                target(1004, "规上工业增加值增长7%以上", "规上工业增加值增速", 7.0, "%", Some(8.1), Some(Status::Done)),
            ]),
        task(104, "4", INNOVATION, "培育创新主体", &["市科学技术局"], &[], Status::Overdue, Light::Red,
            Some("省级重点实验室尚在评审"), vec![
                target(1005, "9月底前建成省级重点实验室2家", "省级重点实验室", 2.0, "家", Some(0.0), Some(Status::Overdue)),
            ]),
        task(105, "5", INNOVATION, "引育创新人才", &["市人力资源和社会保障局"], &["市科学技术局", "市教育局"], Status::Behind, Light::Red,
            Some("引进高层次人才团队2个"), vec![
                target(1006, "引进高层次人才团队10个以上", "高层次人才团队", 10.0, "个", Some(2.0), Some(Status::Behind)),
            ]),
        task(106, "6", LIVELIHOOD, "稳定扩大就业", &["市人力资源和社会保障局"], &[], Status::OnTrack, Light::Green,
            Some("城镇新增就业1.3万人"), vec![
                target(1007, "城镇新增就业2.5万人以上", "城镇新增就业", 2.5, "万人", Some(1.3), Some(Status::OnTrack)),
            ]),
        task(107, "7", LIVELIHOOD, "办好民生实事", &["市住房和城乡建设局"], &["市城市管理局", "市教育局"], Status::NotReported, Light::Yellow,
            None, vec![]),
        task(108, "8", LIVELIHOOD, "推进平安建设", &["市应急管理局"], &["市公安局"], Status::Done, Light::Green,
            Some("全市安全生产大排查已完成"), vec![]),
    ]
}

pub fn report_input(with_half_year: bool) -> SupervisionReportInput {
    SupervisionReportInput {
        document_title: "清河市2025年政府工作报告重点工作任务分工方案".into(),
        issuer: "清河市人民政府督查室".into(),
        addressees: Some("各县（市、区）人民政府，市人民政府各部门".into()),
        as_of: date(2025, 6, 30),
        issued_on: date(2025, 7, 8),
        tasks: tasks(),
        non_reporting: vec![NonReportingUnit { unit: "市住房和城乡建设局".into(), tasks: vec!["7 办好民生实事".into()] }],
        half_year: with_half_year.then(|| HalfYearCheck {
            judged: 6,
            passed: 3,
            failing: vec![
                HalfYearShortfall { number: "1".into(), title: "扩大有效投资".into(), lead_unit: "市发展和改革委员会".into(), work_progress: 0.441 },
                HalfYearShortfall { number: "4".into(), title: "培育创新主体".into(), lead_unit: "市科学技术局".into(), work_progress: 0.0 },
                HalfYearShortfall { number: "5".into(), title: "引育创新人才".into(), lead_unit: "市人力资源和社会保障局".into(), work_progress: 0.2 },
            ],
        }),
        requirements: vec![],
    }
}
pub mod docx;
pub mod sheets;
