//! 月调度表: the monthly dispatch table of key projects, grouped by county,
//! with investment against plan and 序时进度, stage, problems and light.

use super::{ProjectRow, chinese_date};
use crate::xlsx::WriteError;
use chrono::NaiveDate;
use luoshi_ledger::Light;
use luoshi_ledger::projects::year_progress;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook};

/// (header, width in characters) of the table, in order.
pub const DISPATCH_COLUMNS: [(&str, f64); 16] = [
    ("序号", 6.0),
    ("项目名称", 28.0),
    ("县（市、区）", 10.0),
    ("项目类别", 10.0),
    ("产业链", 10.0),
    ("包联单位", 16.0),
    ("总投资（万元）", 12.0),
    ("年度计划投资（万元）", 12.0),
    ("累计完成投资（万元）", 12.0),
    ("投资完成率", 10.0),
    ("序时进度", 9.0),
    ("所处阶段", 8.0),
    ("开工时间", 11.0),
    ("是否入库纳统", 8.0),
    ("形象进度及存在问题", 36.0),
    ("红黄绿灯", 8.0),
];

const LIGHT_FILLS: [(Light, u32); 3] = [(Light::Green, 0x63BE7B), (Light::Yellow, 0xFFD966), (Light::Red, 0xF8696B)];

fn body() -> Format {
    Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter)
}

fn light_format(light: Light) -> Format {
    let rgb = LIGHT_FILLS.iter().find(|(l, _)| *l == light).map_or(0xFFFFFF, |(_, rgb)| *rgb);
    body().set_align(FormatAlign::Center).set_bold().set_background_color(Color::RGB(rgb))
}

/// The table for `rows` as of `as_of`, under `title` (e.g. 全市重点项目月调度表).
/// Rows are grouped by county in the order given, each group with a 小计
/// and the table with a 合计.
pub fn dispatch_workbook(title: &str, as_of: NaiveDate, rows: &[ProjectRow]) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("月调度表")?;
    let header = body().set_bold().set_align(FormatAlign::Center).set_background_color(Color::RGB(0xD9E1F2));
    let title_format = Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center);
    let money = body().set_num_format("#,##0.00");
    let percent = body().set_num_format("0.0%").set_align(FormatAlign::Center);
    let centred = body().set_align(FormatAlign::Center);
    let date = centred.clone().set_num_format("yyyy-mm-dd");
    let subtotal = body().set_bold().set_background_color(Color::RGB(0xF2F2F2));
    let subtotal_money = subtotal.clone().set_num_format("#,##0.00");
    let last = (DISPATCH_COLUMNS.len() - 1) as u16;
    sheet.merge_range(0, 0, 0, last, &format!("{title}（截至{}）", chinese_date(as_of)), &title_format)?;
    for (col, (name, width)) in DISPATCH_COLUMNS.iter().enumerate() {
        sheet.write_with_format(1, col as u16, *name, &header)?;
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_freeze_panes(2, 2)?;
    let time = year_progress(as_of);
    let mut line = 2u32;
    let mut groups: Vec<(&str, Vec<&ProjectRow>)> = Vec::new();
    for row in rows {
        match groups.iter_mut().find(|(county, _)| *county == row.county) {
            Some((_, members)) => members.push(row),
            None => groups.push((&row.county, vec![row])),
        }
    }
    let mut number = 0;
    let sums = |members: &[&ProjectRow]| -> [f64; 3] {
        let sum = |f: fn(&ProjectRow) -> Option<f64>| members.iter().filter_map(|r| f(r)).sum::<f64>();
        [sum(|r| r.total_investment), sum(|r| r.annual_planned_investment), sum(|r| r.completed_investment)]
    };
    let write_sums = |sheet: &mut rust_xlsxwriter::Worksheet, line: u32, label: String, values: [f64; 3]| -> Result<(), WriteError> {
        sheet.merge_range(line, 0, line, 5, &label, &subtotal)?;
        for (i, value) in values.iter().enumerate() {
            sheet.write_with_format(line, 6 + i as u16, *value, &subtotal_money)?;
        }
        let completion = if values[1] > 0.0 { values[2] / values[1] } else { 0.0 };
        sheet.write_with_format(line, 9, completion, &percent)?;
        sheet.write_with_format(line, 10, time, &percent)?;
        for col in 11..=last {
            sheet.write_with_format(line, col, "", &subtotal)?;
        }
        Ok(())
    };
    for (county, members) in &groups {
        for row in members {
            number += 1;
            sheet.write_with_format(line, 0, number, &centred)?;
            sheet.write_with_format(line, 1, &row.name, &body())?;
            sheet.write_with_format(line, 2, &row.county, &centred)?;
            sheet.write_with_format(line, 3, &row.kind, &centred)?;
            sheet.write_with_format(line, 4, &row.industry_chain, &centred)?;
            sheet.write_with_format(line, 5, &row.responsible_unit, &body())?;
            for (col, value) in [(6, row.total_investment), (7, row.annual_planned_investment), (8, row.completed_investment)] {
                match value {
                    Some(v) => sheet.write_with_format(line, col, v, &money)?,
                    None => sheet.write_with_format(line, col, "", &money)?,
                };
            }
            match row.investment_completion {
                Some(v) => sheet.write_with_format(line, 9, v, &percent)?,
                None => sheet.write_with_format(line, 9, "—", &centred)?,
            };
            sheet.write_with_format(line, 10, time, &percent)?;
            sheet.write_with_format(line, 11, row.stage.label(), &centred)?;
            match row.started_on {
                Some(on) => sheet.write_with_format(line, 12, &on, &date)?,
                None => sheet.write_with_format(line, 12, "", &centred)?,
            };
            sheet.write_with_format(line, 13, if row.in_statistics { "是" } else { "否" }, &centred)?;
            let notes = match (row.progress.trim(), row.problems.trim()) {
                ("", "") => String::new(),
                (progress, "") => progress.to_string(),
                ("", problems) => format!("存在问题：{problems}"),
                (progress, problems) => format!("{progress}\n存在问题：{problems}"),
            };
            sheet.write_with_format(line, 14, &notes, &body())?;
            sheet.write_with_format(line, 15, row.light.label(), &light_format(row.light))?;
            line += 1;
        }
        if groups.len() > 1 {
            write_sums(sheet, line, format!("{county}小计（{}个）", members.len()), sums(members))?;
            line += 1;
        }
    }
    let all: Vec<&ProjectRow> = rows.iter().collect();
    write_sums(sheet, line, format!("合计（{}个）", rows.len()), sums(&all))?;
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use luoshi_ledger::projects::Stage;

    fn row(id: i64, name: &str, county: &str, planned: f64, completed: Option<f64>, light: Light) -> ProjectRow {
        ProjectRow {
            id,
            name: name.into(),
            county: county.into(),
            kind: "市重点".into(),
            industry_chain: "新能源".into(),
            enterprise: String::new(),
            responsible_unit: "市发展改革委".into(),
            total_investment: Some(planned * 3.0),
            annual_planned_investment: Some(planned),
            completed_investment: completed,
            in_statistics: completed.is_some(),
            stage: Stage::Started,
            started_on: NaiveDate::from_ymd_opt(2025, 3, 1),
            progress: "主体封顶".into(),
            problems: "用地报批中".into(),
            investment_completion: completed.map(|c| c / planned),
            light,
        }
    }

    /// Two 甲县 projects (one without a report) and one 乙区 project, as of
    /// 2025-06-30, written as a 月调度表.
    fn three_project_table() -> (NaiveDate, Vec<u8>) {
        let rows = [
            row(1, "甲县一号项目", "甲县", 100.0, Some(60.0), Light::Green),
            row(2, "甲县二号项目", "甲县", 200.0, None, Light::Yellow),
            row(3, "乙区项目", "乙区", 50.0, Some(5.0), Light::Red),
        ];
        let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
        (as_of, dispatch_workbook("全市重点项目月调度表", as_of, &rows).unwrap())
    }

    #[test]
    fn the_table_reads_back_with_subtotals() {
        let (_, bytes) = three_project_table();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("月调度表").unwrap();
        let text = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty).to_string();
        assert_eq!(text(0, 0), "全市重点项目月调度表（截至2025年6月30日）");
        assert_eq!(text(1, 8), "累计完成投资（万元）");
        assert_eq!(text(2, 1), "甲县一号项目");
        assert_eq!(range.get_value((2, 9)), Some(&Data::Float(0.6)));
        assert_eq!(text(3, 9), "—");
        assert_eq!(text(4, 0), "甲县小计（2个）");
        assert_eq!(range.get_value((4, 8)), Some(&Data::Float(60.0)));
        assert_eq!(text(5, 1), "乙区项目");
        assert!(text(5, 14).contains("存在问题：用地报批中"));
        assert_eq!(text(5, 15), Light::Red.label());
        assert_eq!(text(7, 0), "合计（3个）");
        assert_eq!(range.get_value((7, 7)), Some(&Data::Float(350.0)));
        assert_eq!(range.get_value((7, 8)), Some(&Data::Float(65.0)));
    }

    #[test]
    fn the_table_imports_back_as_the_same_projects() {
        let (as_of, bytes) = three_project_table();
        let options = crate::projects::ImportOptions { as_of: Some(as_of), ..Default::default() };
        let imported = crate::projects::import_projects(&bytes, &options).unwrap();
        assert!(imported.errors.is_empty(), "{:?}", imported.errors);
        let drafts: Vec<_> = imported.projects.iter().map(|p| &p.draft).collect();
        assert_eq!(drafts.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["甲县一号项目", "甲县二号项目", "乙区项目"]);
        assert_eq!(drafts[0].annual_planned_investment, Some(100.0));
        assert_eq!(drafts[0].completed_investment, Some((as_of, 60.0)));
        assert_eq!(drafts[1].completed_investment, None);
        assert_eq!(drafts[2].stages.started, NaiveDate::from_ymd_opt(2025, 3, 1));
        assert_eq!(drafts[2].responsible_unit, "市发展改革委");
    }
}
