//! Ledger and scorecard exports read back with calamine; 分工方案 sheets in
//! office layouts imported.

mod common;

use calamine::{Data, DataType};
use common::sheets::{part, read_sheet, sheet_names, text};
use common::{date, tasks};
use luoshi_report::xlsx::{LEDGER_COLUMNS, ledger_workbook, import_ledger, status_workbook, unit_scorecard};
use rust_xlsxwriter::{Format, Workbook};

const TITLE: &str = "清河市2025年政府工作报告重点工作任务分工方案";

#[test]
fn ledger_export_has_the_plan_layout_progress_and_lights() {
    let bytes = ledger_workbook(TITLE, date(2025, 6, 30), &tasks()).expect("write ledger");
    assert_eq!(sheet_names(&bytes), ["分工方案"]);
    let rows = read_sheet(&bytes, "分工方案");
    assert_eq!(text(&rows[0][0]), format!("{TITLE}（截至2025年6月30日）"));
    let headers: Vec<String> = rows[1].iter().map(text).collect();
    let expected: Vec<&str> = LEDGER_COLUMNS.iter().map(|(h, _)| *h).collect();
    assert_eq!(headers, expected);
    assert_eq!(text(&rows[2][0]), "一、稳住经济增长基本盘");
    let first = &rows[3];
    assert_eq!(text(&first[0]), "1");
    assert!(text(&first[1]).starts_with("扩大有效投资"));
    assert_eq!(text(&first[2]), "完成年度投资680亿元以上\n新谋划亿元以上项目120个");
    assert_eq!(first[3].as_date(), Some(date(2025, 12, 31)), "deadline is a real date cell");
    assert_eq!(text(&first[4]), "市发展和改革委员会");
    assert_eq!(text(&first[5]), "市财政局、市自然资源和规划局");
    assert_eq!(text(&first[6]), "（截至2025年6月30日）上半年完成投资300亿元");
    assert_eq!(text(&first[7]), "欠进度");
    assert_eq!(text(&first[8]), "黄灯");
    assert_eq!(first[9], Data::Float(101.0), "ids come back as floats");
    // 8 tasks + 3 section bands below the header.
    assert_eq!(rows.len(), 2 + 8 + 3);
    let lights: Vec<String> = rows[2..].iter().map(|r| text(&r[8])).filter(|t| t.ends_with('灯')).collect();
    assert_eq!(lights.iter().filter(|l| *l == "红灯").count(), 2);
    assert_eq!(lights.iter().filter(|l| *l == "绿灯").count(), 4);

    let styles = part(&bytes, "xl/styles.xml");
    for fill in ["FF63BE7B", "FFFFD966", "FFF8696B"] {
        assert!(styles.contains(fill), "light fill {fill} missing from styles.xml");
    }
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("ySplit=\"2\""), "header frozen");
    assert!(sheet.contains("<mergeCell ref=\"A3:J3\"/>"), "section band merged");
}

#[test]
fn ledger_export_imports_back_as_the_same_ledger() {
    let bytes = ledger_workbook(TITLE, date(2025, 6, 30), &tasks()).unwrap();
    let ledger = import_ledger(&bytes).expect("import own export");
    assert_eq!(ledger.title.as_deref(), Some(TITLE), "the export's as-of note is dropped");
    assert_eq!(ledger.tasks.len(), 8);
    let first = &ledger.tasks[0];
    assert_eq!(first.row, 4);
    assert_eq!(first.section.as_deref(), Some("一、稳住经济增长基本盘"));
    assert_eq!(first.number.as_deref(), Some("1"));
    assert_eq!(first.lead_units, ["市发展和改革委员会"]);
    assert_eq!(first.co_units, ["市财政局", "市自然资源和规划局"]);
    assert_eq!(first.deadline, Some(date(2025, 12, 31)));
    assert_eq!(first.targets.as_deref(), Some("完成年度投资680亿元以上\n新谋划亿元以上项目120个"));
    assert_eq!(ledger.tasks[7].section.as_deref(), Some("三、持续改善民生福祉"));
    assert!(ledger.skipped.is_empty(), "{:?}", ledger.skipped);
}

/// An office's own sheet: a title row, a two-row header with 责任单位 over
/// 牵头单位 | 配合单位, merged section bands, one task merged over two rows
/// (one per target), a date cell and deadline words.
fn office_sheet() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let plain = Format::new();
    let day = Format::new().set_num_format("yyyy年m月d日");
    sheet.merge_range(0, 0, 0, 5, "清河市2025年重点工作任务分工方案", &plain).unwrap();
    sheet.merge_range(1, 0, 2, 0, "序号", &plain).unwrap();
    sheet.merge_range(1, 1, 2, 1, "重点任务", &plain).unwrap();
    sheet.merge_range(1, 2, 2, 2, "目标任务", &plain).unwrap();
    sheet.merge_range(1, 3, 1, 4, "责任单位", &plain).unwrap();
    sheet.write_string(2, 3, "牵头单位").unwrap();
    sheet.write_string(2, 4, "配合单位").unwrap();
    sheet.merge_range(1, 5, 2, 5, "时间节点", &plain).unwrap();
    sheet.merge_range(3, 0, 3, 5, "一、稳住经济增长基本盘", &plain).unwrap();
    sheet.merge_range(4, 0, 5, 0, "1", &plain).unwrap();
    sheet.merge_range(4, 1, 5, 1, "扩大有效投资。推进210个以上市级重点项目建设。", &plain).unwrap();
    sheet.write_string(4, 2, "完成年度投资680亿元以上").unwrap();
    sheet.write_string(5, 2, "新谋划亿元以上项目120个").unwrap();
    sheet.merge_range(4, 3, 5, 3, "市发展和改革委员会", &plain).unwrap();
    sheet.merge_range(4, 4, 5, 4, "市财政局、市自然资源和规划局", &plain).unwrap();
    sheet.merge_range(4, 5, 5, 5, "", &plain).unwrap();
    sheet.write_date_with_format(4, 5, date(2025, 12, 31), &day).unwrap();
    sheet.write_number(6, 0, 2.0).unwrap();
    sheet.write_string(6, 1, "促进消费回升。开展“清河消费季”促销活动。").unwrap();
    sheet.write_string(6, 2, "社会消费品零售总额增长6%左右").unwrap();
    sheet.write_string(6, 3, "市商务局").unwrap();
    sheet.write_string(6, 5, "2025年底前").unwrap();
    sheet.merge_range(8, 0, 8, 5, "二、增强创新驱动能力", &plain).unwrap();
    sheet.write_number(9, 0, 3.0).unwrap();
    sheet.write_string(9, 1, "培育创新主体。9月底前建成省级重点实验室2家。").unwrap();
    sheet.write_string(9, 3, "市科学技术局（牵头）").unwrap();
    sheet.write_string(9, 4, "市教育局\n市财政局").unwrap();
    sheet.write_string(9, 5, "9月底前").unwrap();
    sheet.write_string(10, 3, "市统计局").unwrap();
    workbook.save_to_buffer().unwrap()
}

#[test]
fn office_sheet_with_title_two_row_header_and_merges() {
    let ledger = import_ledger(&office_sheet()).expect("import office sheet");
    assert_eq!(ledger.title.as_deref(), Some("清河市2025年重点工作任务分工方案"));
    assert_eq!(ledger.tasks.len(), 3, "{:#?}", ledger.tasks);
    let invest = &ledger.tasks[0];
    assert_eq!(invest.row, 5);
    assert_eq!(invest.section.as_deref(), Some("一、稳住经济增长基本盘"));
    assert_eq!(invest.number.as_deref(), Some("1"));
    assert_eq!(invest.targets.as_deref(), Some("完成年度投资680亿元以上\n新谋划亿元以上项目120个"), "merged task, one target per row");
    assert_eq!(invest.lead_units, ["市发展和改革委员会"]);
    assert_eq!(invest.co_units, ["市财政局", "市自然资源和规划局"]);
    assert_eq!(invest.deadline, Some(date(2025, 12, 31)));
    let consume = &ledger.tasks[1];
    assert_eq!(consume.number.as_deref(), Some("2"), "a number cell reads as 2, not 2.0");
    assert_eq!(consume.deadline_text.as_deref(), Some("2025年底前"));
    assert_eq!(consume.deadline, None);
    assert!(consume.co_units.is_empty());
    let innovate = &ledger.tasks[2];
    assert_eq!(innovate.section.as_deref(), Some("二、增强创新驱动能力"));
    assert_eq!(innovate.lead_units, ["市科学技术局"]);
    assert_eq!(innovate.co_units, ["市教育局", "市财政局"]);
    assert_eq!(ledger.skipped.len(), 1, "the stray 市统计局 row");
    assert_eq!(ledger.skipped[0].row, 11);

    let draft = ledger.to_document_draft("office.xlsx");
    assert_eq!(draft.tasks.len(), 3);
    assert_eq!(draft.sections.len(), 2);
    for task in &draft.tasks {
        let spanned: String = draft.text.chars().skip(task.span.0).take(task.span.1 - task.span.0).collect();
        assert_eq!(spanned, task.text, "span points at the task's own words");
    }
    assert_eq!(draft.tasks[0].title, "扩大有效投资");
    assert_eq!(draft.tasks[0].units, ["市发展和改革委员会", "市财政局", "市自然资源和规划局"]);
    assert!(draft.tasks[0].text.contains("量化目标：完成年度投资680亿元以上；新谋划亿元以上项目120个"));
}

#[test]
fn single_responsible_column_puts_the_first_unit_in_the_lead() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in ["序 号", "任务内容", "责任单位", "完成时限"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "1").unwrap();
    sheet.write_string(1, 1, "稳定扩大就业").unwrap();
    sheet.write_string(1, 2, "市人力资源和社会保障局、市财政局").unwrap();
    sheet.write_string(1, 3, "2025-12-31").unwrap();
    let ledger = import_ledger(&workbook.save_to_buffer().unwrap()).unwrap();
    assert_eq!(ledger.tasks.len(), 1);
    assert_eq!(ledger.tasks[0].lead_units, ["市人力资源和社会保障局"]);
    assert_eq!(ledger.tasks[0].co_units, ["市财政局"]);
    assert_eq!(ledger.tasks[0].deadline, Some(date(2025, 12, 31)));
}

#[test]
fn column_number_rows_and_merged_notes_are_not_tasks() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let plain = Format::new();
    for (c, h) in ["序号", "工作任务", "牵头单位", "完成时限"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
        sheet.write_number(1, c as u16, (c + 1) as f64).unwrap();
    }
    sheet.write_string(2, 0, "1").unwrap();
    sheet.write_string(2, 1, "稳定扩大就业").unwrap();
    sheet.write_string(2, 2, "市人力资源和社会保障局").unwrap();
    sheet.write_string(3, 1, "办好民生实事").unwrap();
    sheet.merge_range(4, 0, 4, 3, "注：各县（市、区）政府负责抓好落实，不再列出。", &plain).unwrap();
    let ledger = import_ledger(&workbook.save_to_buffer().unwrap()).unwrap();
    let texts: Vec<&str> = ledger.tasks.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, ["稳定扩大就业", "办好民生实事"], "{:?}", ledger.skipped);
    let skipped: Vec<u32> = ledger.skipped.iter().map(|s| s.row).collect();
    assert_eq!(skipped, [2, 5]);
}

#[test]
fn a_sheet_without_a_task_column_is_refused_by_name() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "姓名").unwrap();
    sheet.write_string(0, 1, "电话").unwrap();
    let err = import_ledger(&workbook.save_to_buffer().unwrap()).unwrap_err();
    assert!(err.to_string().contains("工作任务"), "{err}");
    assert!(import_ledger(b"not a workbook").unwrap_err().to_string().contains("not a readable .xlsx"));
}

#[test]
fn scorecard_ranks_lead_units_by_points() {
    let scores = unit_scorecard(&tasks());
    let hr = scores.iter().find(|s| s.unit == "市人力资源和社会保障局").unwrap();
    assert_eq!(hr.tasks, 2);
    assert_eq!(hr.score, 75.0, "behind 60 + on track 90");
    assert_eq!(scores[0].score, 100.0);
    assert_eq!(scores[0].rank, 1);
    assert_eq!(scores[1].rank, 1, "ties share a rank");

    let bytes = status_workbook(TITLE, date(2025, 6, 30), &tasks()).unwrap();
    assert_eq!(sheet_names(&bytes), ["考评", "任务状态"]);
    let rows = read_sheet(&bytes, "考评");
    let headers: Vec<String> = rows[1].iter().map(text).collect();
    assert_eq!(
        headers,
        ["排名", "责任单位", "牵头任务数", "已完成", "超进度", "达进度", "欠进度", "未报送", "逾期未完成", "绿灯", "黄灯", "红灯", "得分"]
    );
    let hr_row = rows.iter().find(|r| text(&r[1]) == "市人力资源和社会保障局").expect("unit row");
    assert_eq!(hr_row[2], Data::Float(2.0));
    assert_eq!(hr_row[5], Data::Float(1.0), "one on track");
    assert_eq!(hr_row[6], Data::Float(1.0), "one behind");
    assert_eq!(hr_row[11], Data::Float(1.0), "one red light");
    assert_eq!(hr_row[12], Data::Float(75.0));
    assert_eq!(rows.len(), 2 + 7, "seven lead units");
    let statuses = read_sheet(&bytes, "任务状态");
    assert_eq!(statuses.len(), 1 + 8);
    assert_eq!(text(&statuses[4][4]), "逾期未完成");
    assert_eq!(text(&statuses[4][5]), "红灯");
}
