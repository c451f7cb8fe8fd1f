//! 三个一批 end to end on both backends: a generated 项目表 of 1,000 projects
//! is imported through the `luoshi` binary (twice: idempotent), three months
//! of 月调度 reports are filed (some through the binary, with a return and a
//! correction), and every rate of `luoshi projects stats` is checked against
//! values computed here, independently of luoshi-ledger's code.

mod ledger_cli;

use chrono::{Datelike, NaiveDate};
use ledger_cli::*;
use luoshi_ledger::projects::Stage;
use luoshi_store::{NewProjectReport, Store};
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

const COUNTIES: [&str; 6] = ["甲县", "乙区", "丙县", "丁市", "高新区", "经开区"];
const KINDS: [&str; 4] = ["省重点", "市重点", "增发国债", "招商签约"];
const UNITS: [&str; 5] = ["市发展改革委", "市工业和信息化局", "市商务局", "市住房城乡建设局", "市交通运输局"];

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, day).unwrap()
}

/// A small deterministic generator (xorshift), so the sheet is the same every run.
struct Dice(u64);
impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn day_in(&mut self, first: NaiveDate, last: NaiveDate) -> NaiveDate {
        first + chrono::Days::new(self.below((last - first).num_days() as u64 + 1))
    }
}

/// The test's own model of a project.
#[derive(Clone)]
struct Model {
    name: String,
    county: &'static str,
    kind: &'static str,
    unit: &'static str,
    planned: f64,
    /// Stage dates, from the sheet and from counting reports.
    signed: Option<NaiveDate>,
    started: Option<NaiveDate>,
    producing: Option<NaiveDate>,
    effective: Option<NaiveDate>,
    /// (as_of, completed, counts) of every report, in filing order.
    reports: Vec<(NaiveDate, f64, bool)>,
}

impl Model {
    /// Stage index on a date: 0 谋划 … 4 达效 (the furthest dated step reached).
    fn stage_on(&self, on: NaiveDate) -> usize {
        let steps = [self.signed, self.started, self.producing, self.effective];
        steps.iter().enumerate().filter(|(_, s)| s.is_some_and(|s| s <= on)).map(|(i, _)| i + 1).max().unwrap_or(0)
    }

    /// The figure of the latest counting report on or before `on` in 2025.
    fn completed_on(&self, on: NaiveDate) -> Option<f64> {
        self.reports
            .iter()
            .enumerate()
            .filter(|(_, (as_of, _, counts))| *counts && *as_of <= on)
            .max_by_key(|(i, (as_of, ..))| (*as_of, *i))
            .map(|(_, (_, v, _))| *v)
    }
}

fn generate(n: usize) -> Vec<Model> {
    let mut dice = Dice(0x5eed_1234_abcd_0001);
    (0..n)
        .map(|i| {
            let roll = dice.below(100);
            // 15% 谋划, 25% signed only, 35% started, 17% producing, 8% effective.
            let depth = match roll {
                0..15 => 0,
                15..40 => 1,
                40..75 => 2,
                75..92 => 3,
                _ => 4,
            };
            let signed = (depth >= 1).then(|| dice.day_in(d(1, 1), d(2, 28)));
            let started = (depth >= 2).then(|| dice.day_in(d(3, 1), d(3, 31)));
            let producing = (depth >= 3).then(|| dice.day_in(d(3, 1), d(3, 31)));
            let effective = (depth >= 4).then(|| dice.day_in(d(3, 1), d(3, 31)));
            // Some sheets leave 签约时间 empty for started projects: started implies signed.
            let signed = if depth >= 2 && dice.below(4) == 0 { None } else { signed };
            Model {
                name: format!("重点项目{i:04}号"),
                county: COUNTIES[dice.below(COUNTIES.len() as u64) as usize],
                kind: KINDS[dice.below(KINDS.len() as u64) as usize],
                unit: UNITS[dice.below(UNITS.len() as u64) as usize],
                planned: (1 + dice.below(5000)) as f64 * 10.0,
                signed,
                started,
                producing,
                effective,
                reports: Vec::new(),
            }
        })
        .collect()
}

/// The sheet as a city keeps it: a title, a header found by its names, and
/// 1-3月完成投资 (万元) for the projects that have one.
fn write_sheet(models: &mut [Model], path: &std::path::Path) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("2025年重点项目").unwrap();
    sheet.merge_range(0, 0, 0, 12, "2025年全市重点项目推进情况表", &Format::new()).unwrap();
    let header = [
        "序号", "项目名称", "县（市、区）", "项目类别", "包联单位", "总投资（万元）", "年度计划投资（万元）", "1-3月完成投资（万元）",
        "签约时间", "开工时间", "投产时间", "达效时间", "建设内容",
    ];
    sheet.write_row(1, 0, header).unwrap();
    let mut dice = Dice(0xfeed_0000_0000_0777);
    for (i, m) in models.iter_mut().enumerate() {
        let row = i as u32 + 2;
        sheet.write(row, 0, (i + 1) as f64).unwrap();
        sheet.write_row(row, 1, [m.name.as_str(), m.county, m.kind, m.unit]).unwrap();
        sheet.write(row, 5, m.planned * 3.0).unwrap();
        sheet.write(row, 6, m.planned).unwrap();
        if m.stage_on(d(3, 31)) >= 2 {
            let done = (dice.below(30) as f64) / 100.0 * m.planned;
            sheet.write(row, 7, done).unwrap();
            m.reports.push((d(3, 31), done, true));
        }
        for (col, date) in [(8, m.signed), (9, m.started), (10, m.producing), (11, m.effective)] {
            if let Some(date) = date {
                sheet.write(row, col, date.format("%Y-%m-%d").to_string()).unwrap();
            }
        }
        sheet.write(row, 12, "新建生产线及配套设施").unwrap();
    }
    workbook.save(path).unwrap();
}

/// Expected stats of a group, computed here.
#[derive(Debug, Default)]
struct Expected {
    projects: u64,
    signed: u64,
    started: u64,
    producing: u64,
    effective: u64,
    planned: f64,
    completed: f64,
}

fn expected(models: &[Model], on: NaiveDate, key: impl Fn(&Model) -> &'static str) -> BTreeMap<&'static str, Expected> {
    let mut groups: BTreeMap<&'static str, Expected> = BTreeMap::new();
    for m in models {
        let e = groups.entry(key(m)).or_default();
        let stage = m.stage_on(on);
        e.projects += 1;
        e.signed += u64::from(stage >= 1);
        e.started += u64::from(stage >= 2);
        e.producing += u64::from(stage >= 3);
        e.effective += u64::from(stage >= 4);
        e.planned += m.planned;
        e.completed += m.completed_on(on).unwrap_or(0.0);
    }
    groups
}

fn close(actual: &Value, expected: f64, what: &str) {
    let actual = actual.as_f64().unwrap_or_else(|| panic!("{what}: not a number: {actual}"));
    assert!((actual - expected).abs() <= 1e-9 * expected.abs().max(1.0), "{what}: {actual} != {expected}");
}

fn check(stats: &Value, e: &Expected, on: NaiveDate, what: &str) {
    for (field, value) in [
        ("projects", e.projects),
        ("signed", e.signed),
        ("started", e.started),
        ("producing", e.producing),
        ("effective", e.effective),
    ] {
        assert_eq!(stats[field].as_u64(), Some(value), "{what} {field}");
    }
    close(&stats["planned_investment"], e.planned, &format!("{what} planned_investment"));
    close(&stats["completed_investment"], e.completed, &format!("{what} completed_investment"));
    let rate = |n: f64, d: f64| if d > 0.0 { Some(n / d) } else { None };
    let rates = [
        ("start_rate", rate(e.started as f64, e.signed as f64)),
        ("production_rate", rate(e.producing as f64, e.started as f64)),
        ("effective_rate", rate(e.effective as f64, e.producing as f64)),
        ("investment_completion", rate(e.completed, e.planned)),
    ];
    for (field, value) in rates {
        match value {
            Some(v) => close(&stats[field], v, &format!("{what} {field}")),
            None => assert!(stats[field].is_null(), "{what} {field}: {}", stats[field]),
        }
    }
    // 序时进度: days gone through the date over the days of 2025.
    let gone = (on - d(1, 1)).num_days() as f64 + 1.0;
    close(&stats["time_progress"], gone / 365.0, &format!("{what} time_progress"));
}

/// The field a grouping reads.
type GroupKey = fn(&Model) -> &'static str;

fn check_all(db: &str, models: &[Model], on: NaiveDate) {
    let date = on.to_string();
    let whole = json(db, &["projects", "stats", "--as-of", &date]);
    let e = expected(models, on, |_| "all");
    check(&whole, &e["all"], on, &format!("{date} all"));
    let keys: [(&str, GroupKey); 3] = [("county", |m| m.county), ("unit", |m| m.unit), ("kind", |m| m.kind)];
    for (by, key) in keys {
        let stats = json(db, &["projects", "stats", "--as-of", &date, "--by", by]);
        check(&stats, &e["all"], on, &format!("{date} by {by}: total"));
        let groups = stats["groups"].as_array().unwrap();
        let e = expected(models, on, key);
        assert_eq!(groups.len(), e.len(), "{date} by {by}: groups");
        for group in groups {
            let k = group["key"].as_str().unwrap();
            check(group, &e[k], on, &format!("{date} by {by} {k}"));
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

cli_on_both_backends!(thousand_projects_rates_match_an_independent_count, |db| {
    let scratch_name: String = db.chars().filter(char::is_ascii_alphanumeric).rev().take(24).collect();
    let dir = std::env::temp_dir().join(format!("luoshi-projects-{}-{scratch_name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sheet = dir.join("重点项目表.xlsx");
    let mut models = generate(1000);
    write_sheet(&mut models, &sheet);
    let sheet_path = sheet.to_str().unwrap();

    let first = json(db, &["projects", "import", sheet_path]);
    assert_eq!(first["created"], 1000, "{first}");
    assert_eq!(first["errors"].as_array().unwrap().len(), 0, "{first}");
    let with_figures = models.iter().filter(|m| !m.reports.is_empty()).count();
    assert_eq!(first["reports"].as_u64(), Some(with_figures as u64));
    let again = json(db, &["projects", "import", sheet_path]);
    assert_eq!((again["created"].as_u64(), again["unchanged"].as_u64(), again["reports"].as_u64()), (Some(0), Some(1000), Some(0)));

    let list = json(db, &["projects", "list", "--as-of", "2025-03-31"]);
    let ids: HashMap<String, i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap().to_string(), p["id"].as_i64().unwrap()))
        .collect();
    assert_eq!(ids.len(), 1000);
    check_all(db, &models, d(3, 31));

    // April to June: most projects report each month; some advance a stage.
    let mut dice = Dice(0xabcd_ef01_2345_6789);
    let rt = runtime();
    let store = rt.block_on(Store::open(db)).unwrap();
    // (model, report id, slot in the model's reports, stage claimed)
    let mut filed: Vec<(usize, i64, usize, Option<Stage>)> = Vec::new();
    for month_end in [d(4, 30), d(5, 31), d(6, 30)] {
        let mut batch = Vec::new();
        let mut owners = Vec::new();
        for (i, m) in models.iter_mut().enumerate() {
            if dice.below(10) == 0 {
                continue; // 未报送 this month
            }
            let before = m.completed_on(month_end).unwrap_or(0.0);
            let done = before + (dice.below(15) as f64) / 100.0 * m.planned;
            let stage = match (m.stage_on(month_end), dice.below(8)) {
                (0, 0) => Some(Stage::Signed),
                (1, 0) => Some(Stage::Started),
                (2, 0) => Some(Stage::Producing),
                _ => None,
            };
            let reached = month_end - chrono::Days::new(dice.below(20));
            match stage {
                Some(Stage::Signed) => m.signed = Some(reached),
                Some(Stage::Started) => m.started = Some(reached),
                Some(Stage::Producing) => m.producing = Some(reached),
                _ => {}
            }
            owners.push((i, m.reports.len(), stage));
            m.reports.push((reached, done, true));
            batch.push(NewProjectReport {
                project_id: ids[&m.name],
                as_of: reached,
                completed_investment: done,
                in_statistics: dice.below(2) == 0,
                stage,
                progress: "按计划推进".into(),
                problems: String::new(),
                next_steps: String::new(),
            });
        }
        let new_ids = rt.block_on(store.add_project_reports("县区填报员", batch)).unwrap();
        filed.extend(owners.into_iter().zip(new_ids).map(|((i, slot, stage), id)| (i, id, slot, stage)));
    }
    rt.block_on(store.close());

    // Through the binary: a return (of a report that claimed a stage), a
    // correction, and a report that starts a project still in 谋划.
    let &(returned_model, returned_report, returned_slot, claimed) =
        filed.iter().rev().find(|f| f.3 == Some(Stage::Started)).expect("a June report that claims 开工");
    luoshi(db, &["projects", "review", "--report", &returned_report.to_string(), "--return", "数据与统计不符"]);
    models[returned_model].reports[returned_slot].2 = false;
    assert_eq!(claimed, Some(Stage::Started));
    models[returned_model].started = None;

    let &(fixed_model, fixed_report, fixed_slot, _) =
        filed.iter().find(|f| f.3.is_none() && f.0 != returned_model).expect("a report without a stage");
    let fixed_date = models[fixed_model].reports[fixed_slot].0;
    let fixed_id = ids[&models[fixed_model].name].to_string();
    luoshi(db, &[
        "projects", "report", "--project", &fixed_id, "--as-of", &fixed_date.to_string(), "--completed-investment", "77",
        "--corrects", &fixed_report.to_string(),
    ]);
    models[fixed_model].reports[fixed_slot].2 = false;
    models[fixed_model].reports.push((fixed_date, 77.0, true));

    let waiting = (0..models.len())
        .find(|&i| models[i].stage_on(d(6, 30)) == 0 && i != returned_model && i != fixed_model)
        .expect("a project still in 谋划");
    let id = ids[&models[waiting].name].to_string();
    luoshi(db, &["projects", "report", "--project", &id, "--as-of", "2025-06-20", "--completed-investment", "1234.5", "--stage", "开工"]);
    models[waiting].started = Some(d(6, 20));
    models[waiting].reports.push((d(6, 20), 1234.5, true));
    let refused = luoshi_fails(db, &["projects", "report", "--project", "999999", "--as-of", "2025-06-30", "--completed-investment", "1"]);
    assert!(refused.contains("project") && refused.contains("999999"), "{refused}");

    for on in [d(4, 30), d(5, 15), d(5, 31), d(6, 30)] {
        check_all(db, &models, on);
    }
    // 2025-06-30 is 181 days into the year.
    let june = json(db, &["projects", "stats", "--as-of", "2025-06-30"]);
    close(&june["time_progress"], 181.0 / 365.0, "序时进度 at mid-year");
    assert_eq!(d(6, 30).ordinal(), 181);

    // The same through the outputs people read: tables, the 月调度表, the summary.
    let table = luoshi(db, &["projects", "stats", "--as-of", "2025-06-30", "--by", "county"]);
    assert!(table.contains("合计") && COUNTIES.iter().all(|c| table.contains(c)), "{table}");
    let list = luoshi(db, &["projects", "list", "--as-of", "2025-06-30", "--county", "甲县"]);
    let in_county = models.iter().filter(|m| m.county == "甲县").count();
    assert!(list.contains(&format!("{in_county} projects as of 2025-06-30")), "{list}");
    let xlsx = dir.join("dispatch.xlsx");
    luoshi(db, &["projects", "export", "--as-of", "2025-06-30", "--out", xlsx.to_str().unwrap()]);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = calamine::Reader::worksheet_range(&mut book, "月调度表").unwrap();
    let last = range.height() - 1;
    assert_eq!(range.get_value((last as u32, 0)).unwrap().to_string(), "合计（1000个）");
    let planned: f64 = models.iter().map(|m| m.planned).sum();
    close(&serde_json::json!(calamine::DataType::get_float(range.get_value((last as u32, 7)).unwrap()).unwrap()), planned, "dispatch 合计 planned");
    let md = luoshi(db, &["projects", "summary", "--as-of", "2025-06-30"]);
    let e = &expected(&models, d(6, 30), |_| "all")["all"];
    assert!(md.contains(&format!("全市纳入调度的重点项目{}个", e.projects)), "{md}");
    assert!(md.contains(&format!("已签约项目{}个，其中已开工{}个", e.signed, e.started)), "{md}");
    // 催办: projects whose last counting report is before 06-01 missed May or June.
    let remind = json(db, &["projects", "remind", "--as-of", "2025-06-30", "--issue"]);
    let missing = models.iter().filter(|m| m.reports.iter().filter(|r| r.2).all(|r| r.0 < d(6, 1))).count();
    assert_eq!(remind["projects"].as_array().unwrap().len(), missing, "projects to remind");
    assert_eq!(remind["reminders"].as_array().unwrap().len(), missing);
    let docx = dir.join("summary.docx");
    luoshi(db, &["projects", "summary", "--as-of", "2025-06-30", "--out", docx.to_str().unwrap()]);
    assert_eq!(&std::fs::read(&docx).unwrap()[..2], b"PK");
    let _ = std::fs::remove_dir_all(&dir);
});
