//! Rendering the 督查通报 and the sheets for a large ledger: 1 000 tasks
//! (2 targets each), a quarter of them behind, as Markdown, HTML and .docx,
//! and the ledger and scorecard workbooks.
//! Run: cargo bench -p luoshi-report --bench report_render

use chrono::NaiveDate;
use luoshi_ledger::{Light, Status};
use luoshi_report::supervision::{render_docx, render_html, render_markdown};
use luoshi_report::xlsx::{ledger_workbook, status_workbook};
use luoshi_report::{LatestReport, SupervisionReportInput, TargetView, TaskView};
use std::time::Instant;

const TASKS: usize = 1_000;
const RUNS: usize = 5;

fn input() -> SupervisionReportInput {
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let statuses = [Status::OnTrack, Status::Ahead, Status::Behind, Status::Done];
    let tasks = (0..TASKS)
        .map(|i| {
            let status = statuses[i % statuses.len()];
            TaskView {
                id: i as i64 + 1,
                number: (i + 1).to_string(),
                section: Some(format!("{}、第{}部分", ["一", "二", "三", "四"][i * 4 / TASKS], i * 4 / TASKS + 1)),
                title: format!("重点任务{}", i + 1),
                text: format!("重点任务{}。推进重点项目建设，完成年度投资目标。", i + 1),
                lead_units: vec![format!("市第{}局", i % 40 + 1)],
                co_units: vec!["市财政局".into()],
                deadline: NaiveDate::from_ymd_opt(2025, 12, 31),
                deadline_text: None,
                status,
                light: if status == Status::Behind { Light::Yellow } else { Light::Green },
                latest: Some(LatestReport {
                    as_of,
                    narrative: "上半年完成年度目标的四成，项目按计划推进。".into(),
                    problems: "要素保障仍需加强".into(),
                    next_steps: "加快项目建设".into(),
                }),
                targets: (0..2)
                    .map(|j| TargetView {
                        id: (i * 2 + j) as i64 + 1,
                        description: format!("完成投资{}亿元以上", 10 + j),
                        metric: "投资".into(),
                        value: 10.0 + j as f64,
                        unit: "亿元".into(),
                        deadline: NaiveDate::from_ymd_opt(2025, 12, 31),
                        actual: Some(4.0),
                        work_progress: Some(0.4),
                        time_progress: Some(0.496),
                        status: Some(status),
                    })
                    .collect(),
            }
        })
        .collect();
    SupervisionReportInput {
        document_title: "基准市2025年重点工作任务分工方案".into(),
        issuer: "基准市人民政府督查室".into(),
        addressees: None,
        as_of,
        issued_on: as_of,
        tasks,
        non_reporting: vec![],
        half_year: None,
        requirements: vec![],
    }
}

fn time<T>(what: &str, mut f: impl FnMut() -> T, size: impl Fn(&T) -> usize) {
    let mut times = Vec::with_capacity(RUNS);
    let mut bytes = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let out = f();
        times.push(start.elapsed());
        bytes = size(&out);
    }
    times.sort();
    println!("{what}: median {:.1} ms over {RUNS} runs ({:.0} KiB)", times[RUNS / 2].as_secs_f64() * 1e3, bytes as f64 / 1024.0);
}

fn main() {
    let input = input();
    let as_of = input.as_of;
    time("督查通报 Markdown, 1000 tasks", || render_markdown(&input), String::len);
    time("督查通报 HTML, 1000 tasks", || render_html(&input), String::len);
    time("督查通报 .docx, 1000 tasks (chart PNG included)", || render_docx(&input).unwrap(), Vec::len);
    time("ledger .xlsx, 1000 tasks", || ledger_workbook("基准", as_of, &input.tasks).unwrap(), Vec::len);
    time("scorecard .xlsx, 1000 tasks", || status_workbook("基准", as_of, &input.tasks).unwrap(), Vec::len);
}
