//! 10k-row progress import: export a sheet of 10,000 target rows, fill every
//! row in, then time `import_progress` (read, header, validation, records).
//! Run: cargo bench -p luoshi-report --bench progress_import

use chrono::NaiveDate;
use luoshi_ledger::{Light, Status};
use luoshi_report::xlsx::{KnownTasks, ProgressSheet, import_progress, progress_workbook};
use luoshi_report::{TargetView, TaskView};
use rust_xlsxwriter::{Format, Workbook};
use std::time::{Duration, Instant};

const ROWS: usize = 10_000;
const RUNS: usize = 10;

fn tasks() -> Vec<TaskView> {
    (0..ROWS / 2)
        .map(|i| TaskView {
            id: i as i64 + 1,
            number: (i + 1).to_string(),
            section: None,
            title: format!("重点任务{}", i + 1),
            text: format!("重点任务{}。推进重点项目建设。", i + 1),
            lead_units: vec![format!("市第{}局", i % 40)],
            co_units: vec![],
            deadline: NaiveDate::from_ymd_opt(2025, 12, 31),
            deadline_text: None,
            status: Status::OnTrack,
            light: Light::Green,
            latest: None,
            targets: (0..2)
                .map(|j| TargetView {
                    id: (i * 2 + j) as i64 + 1,
                    description: format!("完成指标{}", j),
                    metric: "投资".into(),
                    value: 100.0,
                    unit: "亿元".into(),
                    deadline: None,
                    actual: None,
                    work_progress: None,
                    time_progress: None,
                    status: None,
                })
                .collect(),
        })
        .collect()
}

/// The sheet a unit sends back: every row filled.
fn filled_sheet(tasks: &[TaskView]) -> Vec<u8> {
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let template = progress_workbook(&ProgressSheet { document_title: "基准", as_of, unit: None, tasks }).unwrap();
    assert!(template.len() > 1000);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in ["任务编号", "指标编号", "序号", "工作任务", "量化指标", "目标值", "计量单位", "牵头单位", "截至日期", "实际完成值", "节点状态", "进展情况", "存在问题", "下一步措施"].iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    let mut row = 2u32;
    for task in tasks {
        for target in &task.targets {
            sheet.write_number(row, 0, task.id as f64).unwrap();
            sheet.write_number(row, 1, target.id as f64).unwrap();
            sheet.write_string(row, 3, &task.title).unwrap();
            sheet.write_date_with_format(row, 8, as_of, &date).unwrap();
            sheet.write_number(row, 9, 42.5 + row as f64).unwrap();
            sheet.write_string(row, 11, "上半年完成年度目标的一半，项目按计划推进。").unwrap();
            sheet.write_string(row, 12, "要素保障仍需加强").unwrap();
            sheet.write_string(row, 13, "加快项目建设进度").unwrap();
            row += 1;
        }
    }
    workbook.save_to_buffer().unwrap()
}

fn main() {
    let tasks = tasks();
    let known = KnownTasks::from_tasks(&tasks);
    let bytes = filled_sheet(&tasks);
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let records = import_progress(&bytes, &known).expect("import");
        times.push(start.elapsed());
        assert_eq!(records.len(), ROWS);
    }
    times.sort();
    let median = times[RUNS / 2];
    println!(
        "progress_import: {ROWS} rows, {:.1} KiB sheet; median {:.1} ms, min {:.1} ms, max {:.1} ms over {RUNS} runs ({:.0} rows/s)",
        bytes.len() as f64 / 1024.0,
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[RUNS - 1].as_secs_f64() * 1e3,
        ROWS as f64 / median.as_secs_f64()
    );
}
