//! 10k-row progress import: export a sheet of 10,000 target rows, fill every
//! row in, then time `import_progress` (read, header, validation, records).
//! Run: cargo bench -p luoshi-report --bench progress_import
//!
//! For the end-to-end figure (through the CLI and the store) it also writes
//! the inputs: `-- --ledger-sheet FILE TASKS` writes a 分工方案 of TASKS
//! tasks with two targets each; `-- --fill IN OUT` fills in a progress sheet
//! exported by `luoshi export progress` (every target at 40%, every task
//! without targets 推进中).

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

/// A 分工方案 sheet of `count` tasks, two targets each, for `luoshi import ledger`.
fn write_ledger_sheet(path: &str, count: usize) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in ["序号", "工作任务", "量化目标", "完成时限", "牵头单位", "配合单位"].iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.write_string(0, 0, "基准市2025年重点工作任务分工方案").unwrap();
    for i in 0..count {
        let row = 2 + i as u32;
        sheet.write_number(row, 0, (i + 1) as f64).unwrap();
        sheet.write_string(row, 1, format!("推进第{}批重点项目。新增规上企业{}家以上，完成投资{}亿元以上。", i + 1, 10 + i % 90, 20 + i % 500)).unwrap();
        sheet.write_string(row, 3, "2025年12月底前").unwrap();
        sheet.write_string(row, 4, format!("市第{}局", i % 40 + 1)).unwrap();
        sheet.write_string(row, 5, "市财政局").unwrap();
    }
    workbook.save(path).unwrap();
}

/// Fills a progress sheet exported by luoshi, as a unit would.
fn fill_exported(input: &str, output: &str) {
    use calamine::{Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> = calamine::open_workbook(input).expect("open exported sheet");
    let range = workbook.worksheet_range("进展填报").expect("进展填报 sheet");
    let mut out = Workbook::new();
    let sheet = out.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut rows = 0;
    for (r, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r32, c16) = (r as u32, c as u16);
            match cell {
                Data::Float(f) => drop(sheet.write_number(r32, c16, *f).unwrap()),
                Data::String(s) => drop(sheet.write_string(r32, c16, s).unwrap()),
                Data::DateTime(d) => drop(sheet.write_number_with_format(r32, c16, d.as_f64(), &date).unwrap()),
                _ => {}
            }
        }
        if r >= 2 {
            match (&row[1], &row[5]) {
                (Data::Float(_), Data::Float(value)) => drop(sheet.write_number(r as u32, 9, value * 0.4).unwrap()),
                _ => drop(sheet.write_string(r as u32, 10, "推进中").unwrap()),
            }
            sheet.write_string(r as u32, 11, "上半年按计划推进，完成年度目标的四成。").unwrap();
            rows += 1;
        }
    }
    out.save(output).unwrap();
    println!("filled {rows} rows into {output}");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--ledger-sheet") {
        write_ledger_sheet(&args[at + 1], args[at + 2].parse().expect("task count"));
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--fill") {
        fill_exported(&args[at + 1], &args[at + 2]);
        return;
    }
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
