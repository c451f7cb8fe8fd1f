//! Export a progress sheet, fill it in as a unit would, import it back.

mod common;

use calamine::Data;
use common::sheets::{read_sheet, text, write_sheet};
use common::{date, tasks};
use luoshi_report::domain::{MilestoneState, ReportSubject, ReportedValue};
use luoshi_report::xlsx::{KnownTasks, PROGRESS_COLUMNS, ProgressImportError, ProgressSheet, import_progress, progress_workbook};

fn exported(unit: Option<&str>) -> Vec<u8> {
    let tasks = tasks();
    progress_workbook(&ProgressSheet { document_title: "清河市2025年政府工作报告", as_of: date(2025, 6, 30), unit, tasks: &tasks })
        .expect("write progress sheet")
}

/// Column of a header in the exported layout.
fn col(header: &str) -> usize {
    PROGRESS_COLUMNS.iter().position(|(h, _)| *h == header).unwrap()
}

/// Row (0-based) of a target or task in the exported sheet.
fn row_of(rows: &[Vec<Data>], task: f64, target: Option<f64>) -> usize {
    rows.iter()
        .position(|r| r[0] == Data::Float(task) && target.is_none_or(|t| r[1] == Data::Float(t)))
        .expect("row exported")
}

/// The exported sheet as a unit returns it: values typed in, some as text.
fn filled() -> Vec<Vec<Data>> {
    let mut rows = read_sheet(&exported(None), "进展填报");
    let fill = |rows: &mut Vec<Vec<Data>>, task: f64, target: Option<f64>, actual: Option<Data>, milestone: Option<&str>, narrative: &str| {
        let r = row_of(rows, task, target);
        if let Some(actual) = actual {
            rows[r][col("实际完成值")] = actual;
        }
        if let Some(m) = milestone {
            rows[r][col("节点状态")] = Data::String(m.into());
        }
        rows[r][col("进展情况")] = Data::String(narrative.into());
        rows[r][col("存在问题")] = Data::String("无".into());
    };
    fill(&mut rows, 101.0, Some(1001.0), Some(Data::Float(450.0)), None, "上半年完成投资450亿元");
    fill(&mut rows, 101.0, Some(1002.0), Some(Data::String("80个".into())), None, "新谋划项目80个");
    fill(&mut rows, 102.0, Some(1003.0), Some(Data::String("5.9%".into())), None, "社零增长5.9%");
    fill(&mut rows, 107.0, None, None, Some("推进中"), "已开工改造老旧小区60个");
    rows
}

#[test]
fn export_lists_one_row_per_target_with_ids() {
    let rows = read_sheet(&exported(None), "进展填报");
    let headers: Vec<String> = rows[1].iter().map(text).collect();
    assert_eq!(headers, PROGRESS_COLUMNS.iter().map(|(h, _)| *h).collect::<Vec<_>>());
    assert_eq!(rows.len(), 2 + 7 + 2, "7 targets + 2 tasks without targets");
    let r = row_of(&rows, 101.0, Some(1002.0));
    assert_eq!(text(&rows[r][col("量化指标")]), "新谋划亿元以上项目120个");
    assert_eq!(rows[r][col("目标值")], Data::Float(120.0));
    assert_eq!(text(&rows[r][col("计量单位")]), "个");
    assert!(matches!(rows[r][col("截至日期")], Data::DateTime(_)), "as-of pre-filled as a date");

    let only_hr = read_sheet(&exported(Some("市人力资源和社会保障局")), "进展填报");
    assert_eq!(only_hr.len(), 2 + 2, "a unit's sheet holds only the tasks it leads");
}

#[test]
fn filled_sheet_imports_as_records_and_again_the_same() {
    let bytes = write_sheet("进展填报", &filled());
    let known = KnownTasks::from_tasks(&tasks());
    let records = import_progress(&bytes, &known).expect("import filled sheet");
    assert_eq!(records.len(), 4, "rows nobody filled are skipped: {records:#?}");
    let invest = &records[0];
    assert_eq!(invest.task_id, 101);
    assert_eq!(invest.subject, ReportSubject::Target(1001));
    assert_eq!(invest.value, ReportedValue::Actual(450.0));
    assert_eq!(invest.as_of, date(2025, 6, 30));
    assert_eq!(invest.narrative, "上半年完成投资450亿元");
    assert_eq!(invest.problems, "无");
    assert_eq!(records[1].value, ReportedValue::Actual(80.0), "\"80个\" with the target's own unit");
    assert_eq!(records[2].value, ReportedValue::Actual(5.9));
    let milestone = &records[3];
    assert_eq!(milestone.subject, ReportSubject::Task(107));
    assert_eq!(milestone.value, ReportedValue::Milestone(MilestoneState::InProgress));
    let report = milestone.to_report("unit-reporter");
    assert_eq!((report.id, report.version, report.reporter.as_str()), (0, 1, "unit-reporter"));

    let again = import_progress(&bytes, &known).expect("import twice");
    assert_eq!(again, records, "the same sheet yields the same records");
}

#[test]
fn one_bad_row_rejects_the_sheet_with_row_and_column() {
    let mut rows = filled();
    let bad_actual = row_of(&rows, 105.0, Some(1006.0));
    rows[bad_actual][col("实际完成值")] = Data::String("四百".into());
    rows[bad_actual][col("进展情况")] = Data::String("引进团队".into());
    let bad_state = row_of(&rows, 108.0, None);
    rows[bad_state][col("节点状态")] = Data::String("进行中".into());
    rows[bad_state][col("进展情况")] = Data::String("排查中".into());
    let mut stray = rows[bad_state].clone();
    stray[0] = Data::Float(999.0);
    rows.push(stray);
    let bytes = write_sheet("进展填报", &rows);

    let err = import_progress(&bytes, &KnownTasks::from_tasks(&tasks())).expect_err("bad rows reject the sheet");
    let ProgressImportError::Rows(errors) = &err else { panic!("{err}") };
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert_eq!((errors[0].row, errors[0].column.as_str(), errors[0].header.as_str()), (bad_actual as u32 + 1, "J", "实际完成值"));
    assert!(errors[0].message.contains("不是数字：「四百」"), "{}", errors[0]);
    assert_eq!((errors[1].row, errors[1].column.as_str()), (bad_state as u32 + 1, "K"));
    assert!(errors[1].message.contains("「进行中」不是节点状态"));
    assert_eq!((errors[2].row, errors[2].column.as_str()), (rows.len() as u32, "A"));
    assert!(errors[2].message.contains("任务编号 999 不在台账中"));
    assert!(err.to_string().starts_with("3 bad cell(s), nothing imported"), "{err}");
}

#[test]
fn missing_narrative_or_date_is_named() {
    let mut rows = filled();
    let r = row_of(&rows, 101.0, Some(1001.0));
    rows[r][col("进展情况")] = Data::Empty;
    rows[r][col("截至日期")] = Data::String("上月底".into());
    let err = import_progress(&write_sheet("进展填报", &rows), &KnownTasks::from_tasks(&tasks())).unwrap_err();
    let ProgressImportError::Rows(errors) = err else { panic!() };
    let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        messages,
        [format!("第{}行 I列（截至日期）：不是日期：「上月底」", r + 1), format!("第{}行 L列（进展情况）：进展情况为空", r + 1)]
    );
}

#[test]
fn a_sheet_without_ids_is_refused() {
    let rows = vec![vec![Data::String("工作任务".into()), Data::String("进展情况".into())]];
    let err = import_progress(&write_sheet("Sheet1", &rows), &KnownTasks::default()).unwrap_err();
    assert!(err.to_string().contains("任务编号"), "{err}");
}

#[test]
fn reordered_and_retitled_columns_are_found_by_header() {
    // A unit rebuilt the sheet by hand: its own column order and names, a
    // title row, dates typed as words.
    let headers = ["进展情况", "完成值", "截止日期", "指标编号", "任务编号", "下步措施"];
    let mut rows = vec![vec![Data::String("市发展和改革委员会2025年6月进展".into())]];
    rows.push(headers.iter().map(|h| Data::String((*h).into())).collect());
    rows.push(vec![
        Data::String("完成投资420亿元".into()),
        Data::String("420".into()),
        Data::String("2025年6月30日".into()),
        Data::String("1001".into()),
        Data::Float(101.0),
        Data::String("加快开工".into()),
    ]);
    let records = import_progress(&write_sheet("六月", &rows), &KnownTasks::from_tasks(&tasks())).expect("import");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].row, 3);
    assert_eq!(records[0].subject, ReportSubject::Target(1001));
    assert_eq!(records[0].value, ReportedValue::Actual(420.0));
    assert_eq!(records[0].as_of, date(2025, 6, 30));
    assert_eq!(records[0].next_steps, "加快开工");
}
