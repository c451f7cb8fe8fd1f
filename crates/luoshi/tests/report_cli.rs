//! `luoshi report`, `export` and `import` end to end on a temporary SQLite
//! ledger built from samples/demo-plan-2025.txt: the sheets and the .docx
//! are read back with calamine and zip, independently of the writers.

mod common;

use calamine::{Data, DataType, Reader, Xlsx};
use common::{column, text};
use luoshi_store::Backend;
use luoshi_store::testing::ScratchDb;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Ledger {
    dir: PathBuf,
    db: String,
    scratch: Option<ScratchDb>,
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

impl Ledger {
    /// A fresh ledger on `backend`; `None` when PostgreSQL is not reachable
    /// outside CI (the store's scratch helper says why).
    fn new(name: &str, backend: Backend) -> Option<Ledger> {
        let scratch = runtime().block_on(ScratchDb::new(backend))?;
        let dir = std::env::temp_dir().join(format!("luoshi-report-cli-{name}-{backend:?}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Some(Ledger { dir, db: scratch.url.clone(), scratch: Some(scratch) })
    }

    fn path(&self, file: &str) -> PathBuf {
        self.dir.join(file)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_luoshi")).arg("--db").arg(&self.db).args(args).output().expect("run luoshi")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "luoshi {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn with_sample_plan(name: &str, backend: Backend) -> Option<Ledger> {
        let ledger = Ledger::new(name, backend)?;
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/demo-plan-2025.txt");
        ledger.ok(&["ingest", sample.to_str().unwrap()]);
        Some(ledger)
    }
}

impl Drop for Ledger {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some(scratch) = self.scratch.take() {
            runtime().block_on(scratch.remove());
        }
    }
}

fn read_sheet(path: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let bytes = std::fs::read(path).unwrap();
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("calamine opens the export");
    let range = workbook.worksheet_range(sheet).expect("sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

/// Writes rows as a new workbook, as a unit's spreadsheet program would save it.
fn write_sheet(path: &Path, rows: &[Vec<Data>]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Data::Empty => {}
                Data::Float(f) => drop(sheet.write_number(r, c, *f).unwrap()),
                Data::DateTime(_) => drop(sheet.write_date_with_format(r, c, cell.as_date().unwrap(), &date).unwrap()),
                other => drop(sheet.write_string(r, c, text(other)).unwrap()),
            }
        }
    }
    workbook.save(path).unwrap();
}

/// Column positions in the exported progress sheet (found by header, as a reader would).
/// The progress sheet filled in: every target at 30% of its value, every
/// task without targets 推进中.
fn fill_progress(rows: &mut [Vec<Data>]) -> usize {
    let (target_id, value, actual, state, narrative) =
        (column(rows, "指标编号"), column(rows, "目标值"), column(rows, "实际完成值"), column(rows, "节点状态"), column(rows, "进展情况"));
    let mut filled = 0;
    for row in rows.iter_mut().skip(2) {
        match (&row[target_id], &row[value]) {
            (Data::Float(_), Data::Float(v)) => row[actual] = Data::Float((v * 0.3 * 100.0).round() / 100.0),
            _ => row[state] = Data::String("推进中".into()),
        }
        row[narrative] = Data::String("按计划推进，完成年度目标的三成。".into());
        filled += 1;
    }
    filled
}

#[test]
fn progress_round_trip_on_sqlite() {
    progress_round_trip(Backend::Sqlite);
}

#[test]
fn progress_round_trip_on_postgres() {
    progress_round_trip(Backend::Postgres);
}

fn progress_round_trip(backend: Backend) {
    let Some(ledger) = Ledger::with_sample_plan("progress", backend) else { return };
    let exported = ledger.path("progress.xlsx");
    ledger.ok(&["export", "progress", "--document", "1", "--as-of", "2025-06-30", "-o", exported.to_str().unwrap()]);
    let mut rows = read_sheet(&exported, "进展填报");
    assert_eq!(text(&rows[1][0]), "任务编号");
    let filled = fill_progress(&mut rows);
    assert!(filled >= 20, "one row per target of the sample plan: {filled}");
    let returned = ledger.path("returned.xlsx");
    write_sheet(&returned, &rows);

    let first = ledger.ok(&["import", "progress", returned.to_str().unwrap(), "--actor", "fgw"]);
    assert!(first.contains(&format!("{filled} row(s) read, {filled} new report(s) filed, 0 already reported")), "{first}");
    let again = ledger.ok(&["import", "progress", returned.to_str().unwrap(), "--actor", "fgw"]);
    assert!(again.contains(&format!("{filled} row(s) read, 0 new report(s) filed, {filled} already reported")), "{again}");
    let list = ledger.ok(&["progress", "list", "--task", "1", "--format", "json"]);
    let reports: serde_json::Value = serde_json::from_str(&list).unwrap();
    let task1_targets = rows.iter().skip(2).filter(|r| r[0] == Data::Float(1.0)).count();
    assert_eq!(reports.as_array().unwrap().len(), task1_targets, "twice imported, once stored: {list}");

    // One bad cell: the whole sheet is refused, naming row and column, and nothing is written.
    let narrative = column(&rows, "进展情况");
    let actual = column(&rows, "实际完成值");
    let target_row = rows.iter().position(|r| matches!(r[actual], Data::Float(_))).unwrap();
    let mut bad = rows.clone();
    for row in bad.iter_mut().skip(2) {
        row[narrative] = Data::String("7月调度：进度加快。".into());
    }
    bad[target_row][actual] = Data::String("约一半".into());
    let bad_path = ledger.path("bad.xlsx");
    write_sheet(&bad_path, &bad);
    let out = ledger.run(&["import", "progress", bad_path.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let letter = (b'A' + actual as u8) as char;
    assert!(stderr.contains(&format!("第{}行 {letter}列（实际完成值）：不是数字：「约一半」", target_row + 1)), "{stderr}");
    assert!(stderr.contains("nothing imported"), "{stderr}");
    let after = ledger.ok(&["progress", "list", "--task", "1", "--format", "json"]);
    assert_eq!(after, list, "a refused sheet writes nothing");
}

fn docx_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    assert!(common::docx_has_png(&bytes), "chart image");
    common::docx_text(&bytes)
}

#[test]
fn report_and_sheets_on_sqlite() {
    report_and_sheets(Backend::Sqlite);
}

#[test]
fn report_and_sheets_on_postgres() {
    report_and_sheets(Backend::Postgres);
}

/// The 督查通报 in three formats and the two sheets, after one unit reported.
fn report_and_sheets(backend: Backend) {
    let Some(ledger) = Ledger::with_sample_plan("report", backend) else { return };
    // File a behind figure and leave the other tasks unreported.
    let exported = ledger.path("progress.xlsx");
    ledger.ok(&["export", "progress", "--document", "1", "--as-of", "2025-06-30", "-o", exported.to_str().unwrap()]);
    let mut rows = read_sheet(&exported, "进展填报");
    let (actual, narrative, value) = (column(&rows, "实际完成值"), column(&rows, "进展情况"), column(&rows, "目标值"));
    let keep: Vec<Vec<Data>> = rows.drain(..).enumerate().filter(|(i, r)| *i < 2 || r[0] == Data::Float(1.0)).map(|(_, r)| r).collect();
    let mut rows = keep;
    for row in rows.iter_mut().skip(2) {
        if let Data::Float(v) = row[value] {
            row[actual] = Data::Float(v * 0.2);
        }
        row[narrative] = Data::String("重点项目开工偏慢，上半年完成投资136亿元。".into());
    }
    let returned = ledger.path("returned.xlsx");
    write_sheet(&returned, &rows);
    ledger.ok(&["import", "progress", returned.to_str().unwrap()]);

    let title = "关于清河市2025年政府工作报告重点工作任务推进情况的督查通报";
    let md = ledger.path("report.md");
    ledger.ok(&["report", "--document", "1", "--as-of", "2025-06-30", "--format", "md", "-o", md.to_str().unwrap(), "--issuer", "清河市人民政府督查室"]);
    let md = std::fs::read_to_string(md).unwrap();
    assert!(md.starts_with(&format!("# {title}")), "{md}");
    assert!(md.contains("共分解重点工作任务9项"), "{md}");
    assert!(md.contains("## 二、欠进度和逾期未完成任务情况"));
    assert!(md.contains("（一）市发展和改革委员会（1项）"), "{md}");
    assert!(md.contains("重点项目开工偏慢，上半年完成投资136亿元。"), "latest narrative quoted: {md}");
    assert!(md.contains("未报送的有8个，占88.9%"), "{md}");
    assert!(md.contains("“双过半”情况"), "as of mid-year the 双过半 section appears");

    let october = ledger.path("october.md");
    ledger.ok(&["report", "--document", "1", "--as-of", "2025-10-31", "--format", "md", "-o", october.to_str().unwrap()]);
    let october = std::fs::read_to_string(october).unwrap();
    assert!(!october.contains("双过半"), "双过半 belongs to the 二季度 report only");
    assert!(october.contains("截至2025年10月31日"));

    let html = ledger.path("report.html");
    ledger.ok(&["report", "--document", "1", "--as-of", "2025-06-30", "--format", "html", "-o", html.to_str().unwrap()]);
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.contains(&format!("<h1>{title}</h1>")) && html.contains("<svg"));

    let docx = ledger.path("report.docx");
    ledger.ok(&["report", "--document", "1", "--as-of", "2025-06-30", "--format", "docx", "-o", docx.to_str().unwrap()]);
    let words = docx_text(&docx);
    assert!(words.starts_with(title), "{words}");
    assert!(words.contains("一、总体情况") && words.contains("未报送的有8个，占88.9%"), "{words}");

    let ledger_xlsx = ledger.path("ledger.xlsx");
    ledger.ok(&["export", "ledger", "--document", "1", "--as-of", "2025-06-30", "-o", ledger_xlsx.to_str().unwrap()]);
    let sheet = read_sheet(&ledger_xlsx, "分工方案");
    let header: Vec<String> = sheet[1].iter().map(text).collect();
    assert_eq!(&header[..6], ["序号", "工作任务", "量化目标", "完成时限", "牵头单位", "配合单位"]);
    let invest = sheet.iter().find(|r| text(&r[1]).contains("扩大有效投资")).expect("task 1 row");
    assert_eq!(text(&invest[4]), "市发展和改革委员会");
    assert!(text(&invest[6]).contains("上半年完成投资136亿元"));
    assert_eq!(text(&invest[7]), "欠进度");
    assert!(text(&invest[8]).ends_with('灯'));

    let status_xlsx = ledger.path("status.xlsx");
    ledger.ok(&["export", "status", "--document", "1", "--as-of", "2025-06-30", "-o", status_xlsx.to_str().unwrap()]);
    let scorecard = read_sheet(&status_xlsx, "考评");
    let fgw = scorecard.iter().find(|r| text(&r[1]) == "市发展和改革委员会").expect("unit row");
    assert_eq!(fgw[2], Data::Float(1.0), "leads one task");
    assert_eq!(fgw[6], Data::Float(1.0), "and it is behind");
    assert_eq!(fgw[12], Data::Float(60.0));
}

#[test]
fn ledger_sheet_imports_as_a_document() {
    let source = Ledger::with_sample_plan("ledger-src", Backend::Sqlite).unwrap();
    let sheet = source.path("ledger.xlsx");
    source.ok(&["export", "ledger", "--document", "1", "--as-of", "2025-06-30", "-o", sheet.to_str().unwrap()]);
    let target = Ledger::new("ledger-dst", Backend::Sqlite).unwrap();
    let out = target.ok(&["import", "ledger", sheet.to_str().unwrap()]);
    assert!(out.contains("9 tasks"), "{out}");
    let listed = target.ok(&["ledger", "--format", "json"]);
    let tasks: serde_json::Value = serde_json::from_str(&listed).unwrap();
    let tasks = tasks.as_array().unwrap();
    assert_eq!(tasks.len(), 9);
    let invest = tasks.iter().find(|t| t["title"].as_str().unwrap().contains("扩大有效投资")).unwrap();
    let targets = invest["targets"].as_array().unwrap();
    assert!(targets.iter().any(|t| t["value"].as_f64() == Some(680.0)), "{invest}");
    let again = target.ok(&["import", "ledger", sheet.to_str().unwrap()]);
    assert!(again.contains("→ document 1"), "the same sheet is the same document: {again}");

    let bad = target.path("notes.xlsx");
    write_sheet(&bad, &[vec![Data::String("姓名".into()), Data::String("电话".into())]]);
    let out = target.run(&["import", "ledger", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("notes.xlsx") && stderr.contains("工作任务"), "{stderr}");
}

#[test]
fn export_without_a_document_covers_every_current_document() {
    let empty = Ledger::new("export-empty", Backend::Sqlite).unwrap();
    let sheet = empty.path("none.xlsx");
    let out = empty.run(&["export", "ledger", "-o", sheet.to_str().unwrap()]);
    assert!(!out.status.success(), "an empty ledger has nothing to export");
    assert!(String::from_utf8_lossy(&out.stderr).contains("luoshi ingest"));

    let ledger = Ledger::with_sample_plan("export-all", Backend::Sqlite).unwrap();
    let one = ledger.path("one.xlsx");
    ledger.ok(&["export", "ledger", "--format", "xlsx", "--as-of", "2025-06-30", "-o", one.to_str().unwrap()]);
    let single = read_sheet(&one, "分工方案");

    let second = ledger.path("second.txt");
    std::fs::write(&second, "1.建设口袋公园。年底前新建口袋公园12个。（责任单位：市城市管理局）\n").unwrap();
    ledger.ok(&["ingest", "--year", "2025", second.to_str().unwrap()]);
    let both = ledger.path("both.xlsx");
    ledger.ok(&["export", "ledger", "--as-of", "2025-06-30", "-o", both.to_str().unwrap()]);
    let rows = read_sheet(&both, "分工方案");
    let cells: Vec<String> = rows.iter().flatten().map(text).collect();
    assert!(cells.iter().any(|c| c.contains("建设口袋公园")), "the second document's task is there");
    assert!(cells.iter().any(|c| c.contains("扩大有效投资")), "and the sample plan's");
    assert!(rows.len() > single.len(), "{} rows for two documents, {} for one", rows.len(), single.len());
}
