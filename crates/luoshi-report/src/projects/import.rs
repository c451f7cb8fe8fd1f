//! A 项目表 becomes project drafts. Every sheet with a recognisable header
//! is read; title rows, section bands (一、甲县) and 合计 rows are passed
//! over; a row that cannot be read is reported with its sheet, Excel row,
//! column and reason, and the other rows still come in.

use super::headers::{Field, HeaderMap, expected_headers, find_header, header_month, text_year};
use super::sheet::{Grid, SheetError, cell_date, cell_number, read_grids};
use chrono::{Datelike, NaiveDate};
use luoshi_ledger::projects::{ProjectDraft, Stage, wan_yuan_per};
use std::collections::HashMap;

/// What the sheet does not say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportOptions {
    /// The year of 年度计划投资; else a year in the title or header, else `as_of`'s.
    pub plan_year: Option<i32>,
    /// The date the sheet stands for when its 完成投资 header names no month,
    /// and the date of a stage given without its own date.
    pub as_of: Option<NaiveDate>,
    /// 县区 for sheets without that column (one county's list).
    pub county: Option<String>,
    /// 项目类别 for sheets without that column (a 省重点 list).
    pub kind: Option<String>,
}

/// A project read from a row.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedProject {
    pub sheet: String,
    /// Excel row number (1-based).
    pub row: u32,
    pub draft: ProjectDraft,
}

/// A row that could not be read, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub sheet: String,
    pub row: u32,
    /// The header of the offending column, when one is to blame.
    pub column: Option<String>,
    pub reason: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(column) => write!(f, "sheet 「{}」 row {} column 「{column}」: {}", self.sheet, self.row, self.reason),
            None => write!(f, "sheet 「{}」 row {}: {}", self.sheet, self.row, self.reason),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedProjects {
    pub projects: Vec<ImportedProject>,
    pub errors: Vec<RowError>,
    /// Per sheet read: (sheet, fields recognised with their headers).
    pub sheets: Vec<(String, Vec<(Field, String)>)>,
}

/// Words of rows that sum others up (合计, 甲县小计（12个）…), not projects.
const TOTAL_ROWS: [&str; 4] = ["合计", "小计", "总计", "共计"];

/// Reads every sheet of `bytes` that has a project header.
pub fn import_projects(bytes: &[u8], options: &ImportOptions) -> Result<ImportedProjects, SheetError> {
    let grids = read_grids(bytes)?;
    let mut imported = ImportedProjects::default();
    let mut seen: HashMap<String, (String, u32)> = HashMap::new();
    for grid in &grids {
        let Some(header) = find_header(grid) else { continue };
        imported.sheets.push((grid.sheet.clone(), header.columns.iter().map(|(f, _, h)| (*f, h.clone())).collect()));
        read_sheet(grid, &header, options, &mut imported, &mut seen);
    }
    if imported.sheets.is_empty() {
        return Err(SheetError::NoHeader { expected: expected_headers() });
    }
    Ok(imported)
}

/// How a sheet's columns are read: money factors and the dates implied by its header.
struct SheetContext {
    /// 万元 per unit of each money column, from its header or the title's 单位.
    factors: HashMap<Field, f64>,
    completed_as_of: Option<NaiveDate>,
    plan_year: Option<i32>,
    default_stage_date: Option<NaiveDate>,
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    next.and_then(|d| d.pred_opt())
}

fn context(grid: &Grid, header: &HeaderMap, options: &ImportOptions) -> SheetContext {
    let title: String = (0..header.first_row).flat_map(|r| (0..grid.width()).map(move |c| (r, c))).map(|(r, c)| grid.text(r, c)).collect();
    let title_factor = title.split_once("单位").and_then(|(_, rest)| wan_yuan_per(rest)).unwrap_or(1.0);
    let mut factors = HashMap::new();
    for field in [Field::TotalInvestment, Field::AnnualPlan, Field::Completed] {
        let factor = header.header(field).and_then(wan_yuan_per).unwrap_or(title_factor);
        factors.insert(field, factor);
    }
    let headers_text: String = header.columns.iter().map(|(.., h)| h.as_str()).collect();
    let plan_year = options
        .plan_year
        .or_else(|| text_year(&title))
        .or_else(|| text_year(&headers_text))
        .or_else(|| options.as_of.map(|d| d.year()));
    let month = header.header(Field::Completed).and_then(header_month);
    let completed_as_of = match (month, plan_year) {
        (Some(month), Some(year)) => last_day_of_month(year, month),
        _ => options.as_of,
    };
    SheetContext { factors, completed_as_of, plan_year, default_stage_date: completed_as_of.or(options.as_of) }
}

fn read_sheet(
    grid: &Grid,
    header: &HeaderMap,
    options: &ImportOptions,
    imported: &mut ImportedProjects,
    seen: &mut HashMap<String, (String, u32)>,
) {
    let context = context(grid, header, options);
    for row in header.last_row + 1..grid.row_count() {
        let excel_row = row as u32 + 1;
        match read_row(grid, header, &context, options, row) {
            Ok(None) => {}
            Ok(Some(draft)) => {
                let key = match &draft.code {
                    Some(code) => format!("code:{code}"),
                    None => format!("name:{}|{}", draft.name, draft.county),
                };
                if let Some((sheet, first)) = seen.get(&key) {
                    imported.errors.push(RowError {
                        sheet: grid.sheet.clone(),
                        row: excel_row,
                        column: None,
                        reason: format!("project 「{}」 ({}) already on sheet 「{sheet}」 row {first}", draft.name, draft.county),
                    });
                    continue;
                }
                seen.insert(key, (grid.sheet.clone(), excel_row));
                imported.projects.push(ImportedProject { sheet: grid.sheet.clone(), row: excel_row, draft });
            }
            Err((column, reason)) => {
                imported.errors.push(RowError { sheet: grid.sheet.clone(), row: excel_row, column, reason });
            }
        }
    }
}

type RowResult<T> = Result<T, (Option<String>, String)>;

/// A project from one row; `None` for blank, title, section and total rows.
fn read_row(grid: &Grid, header: &HeaderMap, context: &SheetContext, options: &ImportOptions, row: usize) -> RowResult<Option<ProjectDraft>> {
    let text = |field: Field| header.column(field).map(|c| grid.text(row, c)).unwrap_or_default();
    let blame = |field: Field, reason: String| (header.header(field).map(str::to_string), reason);
    let name = text(Field::Name);
    let cells: Vec<String> = (0..grid.width()).map(|c| grid.text(row, c)).filter(|t| !t.is_empty()).collect();
    // A band merged across the row (一、甲县), or a lone label beside no name.
    let is_band = cells.windows(2).all(|w| w[0] == w[1]) && (cells.len() >= 2 || name.is_empty());
    if cells.is_empty() || is_band || TOTAL_ROWS.iter().any(|t| name.contains(t) || text(Field::Number).contains(t)) {
        return Ok(None);
    }
    if name.is_empty() {
        return Err((header.header(Field::Name).map(str::to_string), "no project name (项目名称 is empty)".into()));
    }
    let money = |field: Field| -> RowResult<Option<f64>> {
        let Some(col) = header.column(field) else { return Ok(None) };
        let value = cell_number(grid.cell(row, col)).map_err(|e| blame(field, e))?;
        match value {
            Some(v) if v < 0.0 => Err(blame(field, format!("negative investment {v}"))),
            Some(v) => Ok(Some(v * context.factors.get(&field).copied().unwrap_or(1.0))),
            None => Ok(None),
        }
    };
    let date = |field: Field| -> RowResult<Option<NaiveDate>> {
        let Some(col) = header.column(field) else { return Ok(None) };
        cell_date(grid.cell(row, col)).map_err(|e| blame(field, e))
    };
    let mut draft = ProjectDraft {
        name,
        code: Some(text(Field::Code)).filter(|c| !c.is_empty()),
        enterprise: text(Field::Enterprise),
        county: Some(text(Field::County)).filter(|c| !c.is_empty()).or_else(|| options.county.clone()).unwrap_or_default(),
        industry_chain: text(Field::Industry),
        kind: Some(text(Field::Kind)).filter(|c| !c.is_empty()).or_else(|| options.kind.clone()).unwrap_or_default(),
        content: text(Field::Content),
        total_investment: money(Field::TotalInvestment)?,
        annual_planned_investment: money(Field::AnnualPlan)?,
        plan_year: context.plan_year,
        responsible_unit: text(Field::Unit),
        responsible_leader: text(Field::Leader),
        ..Default::default()
    };
    for (field, stage) in [
        (Field::SignedOn, Stage::Signed),
        (Field::StartedOn, Stage::Started),
        (Field::ProducingOn, Stage::Producing),
        (Field::EffectiveOn, Stage::Effective),
    ] {
        if let Some(on) = date(field)? {
            draft.stages.record(stage, on);
        }
    }
    let stage_text = text(Field::Stage);
    if !stage_text.is_empty() {
        let stage = Stage::parse(&stage_text).map_err(|e| blame(Field::Stage, e.to_string()))?;
        if stage > Stage::Planned && draft.stages.get(stage).is_none() && draft.stages.stage_on(NaiveDate::MAX) < stage {
            let on = context.default_stage_date.ok_or_else(|| {
                blame(Field::Stage, format!("stage {stage} has no date: give the sheet's date (as of)"))
            })?;
            draft.stages.record(stage, on);
        }
    }
    if let Some(completed) = money(Field::Completed)? {
        let as_of = context.completed_as_of.ok_or_else(|| {
            blame(Field::Completed, "the header names no month (1-N月) and no date was given (as of)".into())
        })?;
        draft.completed_investment = Some((as_of, completed));
    }
    Ok(Some(draft))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{Format, Workbook};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A sheet as offices keep it: a title with its unit, a two-row header,
    /// a county merged down its projects, a section band and a total row.
    fn office_sheet() -> Vec<u8> {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet().set_name("重点项目").unwrap();
        let plain = Format::new();
        sheet.merge_range(0, 0, 0, 8, "2025年全市重点项目推进情况调度表（单位：亿元）", &plain).unwrap();
        let top = ["序号", "项目名称", "县（市、区）", "项目类别", "投资情况", "投资情况", "投资情况", "开工时间", "责任单位"];
        let sub = ["", "", "", "", "总投资", "年度计划投资", "1-6月完成投资", "", ""];
        for (c, (t, s)) in top.iter().zip(sub).enumerate() {
            sheet.write(1, c as u16, *t).unwrap();
            sheet.write(2, c as u16, s).unwrap();
        }
        sheet.merge_range(3, 0, 3, 8, "一、甲县", &plain).unwrap();
        sheet.write_row(4, 0, ["1", "甲县光伏组件项目"]).unwrap();
        sheet.merge_range(4, 2, 5, 2, "甲县", &plain).unwrap();
        sheet.write(4, 3, "省重点").unwrap();
        sheet.write_row(4, 4, [12.5, 3.0, 1.2]).unwrap();
        sheet.write(4, 7, "2025年3月15日").unwrap();
        sheet.write(4, 8, "市发展改革委").unwrap();
        sheet.write_row(5, 0, ["2", "甲县冷链物流园"]).unwrap();
        sheet.write(5, 3, "市重点").unwrap();
        sheet.write(5, 4, 5.0).unwrap();
        sheet.write(5, 5, "两亿").unwrap();
        sheet.write_row(6, 0, ["3", "乙区算力中心", "乙区", "增发国债"]).unwrap();
        sheet.write_row(6, 4, [8.0, 2.0, 0.5]).unwrap();
        sheet.write(6, 7, "待定").unwrap();
        sheet.write_row(7, 0, ["4", "", "乙区", "市重点"]).unwrap();
        sheet.write(7, 4, 1.0).unwrap();
        sheet.write_row(8, 0, ["5", "甲县光伏组件项目", "甲县", "省重点"]).unwrap();
        sheet.write_row(9, 0, ["合计", ""]).unwrap();
        sheet.write(9, 4, 26.5).unwrap();
        workbook.save_to_buffer().unwrap()
    }

    #[test]
    fn an_office_sheet_is_read_with_row_errors() {
        let imported = import_projects(&office_sheet(), &ImportOptions::default()).unwrap();
        let names: Vec<&str> = imported.projects.iter().map(|p| p.draft.name.as_str()).collect();
        assert_eq!(names, ["甲县光伏组件项目"]);
        let first = &imported.projects[0];
        assert_eq!(first.row, 5);
        assert_eq!(first.draft.county, "甲县");
        assert_eq!(first.draft.kind, "省重点");
        assert_eq!(first.draft.total_investment, Some(125_000.0));
        assert_eq!(first.draft.annual_planned_investment, Some(30_000.0));
        assert_eq!(first.draft.completed_investment, Some((d(2025, 6, 30), 12_000.0)));
        assert_eq!(first.draft.stages.started, Some(d(2025, 3, 15)));
        assert_eq!(first.draft.plan_year, Some(2025));
        assert_eq!(first.draft.responsible_unit, "市发展改革委");
        let errors: Vec<String> = imported.errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 4, "{errors:#?}");
        assert!(errors[0].contains("row 6") && errors[0].contains("年度计划投资") && errors[0].contains("两亿"), "{}", errors[0]);
        assert!(errors[1].contains("row 7") && errors[1].contains("开工时间") && errors[1].contains("待定"), "{}", errors[1]);
        assert!(errors[2].contains("row 8") && errors[2].contains("项目名称"), "{}", errors[2]);
        assert!(errors[3].contains("row 9") && errors[3].contains("row 5"), "{}", errors[3]);
    }

    #[test]
    fn a_workbook_without_a_project_header_is_refused() {
        let mut workbook = Workbook::new();
        workbook.add_worksheet().write(0, 0, "工作任务").unwrap();
        let err = import_projects(&workbook.save_to_buffer().unwrap(), &ImportOptions::default()).unwrap_err();
        assert!(err.to_string().contains("项目名称"), "{err}");
        assert!(import_projects(b"not a zip", &ImportOptions::default()).is_err());
    }

    #[test]
    fn stage_words_and_ids_are_read() {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.write_row(0, 0, ["项目编号", "项目名称", "建设阶段", "年度计划投资（万元）", "累计完成投资"]).unwrap();
        sheet.write_row(1, 0, ["XM-001", "丙园区项目", "已投产"]).unwrap();
        sheet.write_row(1, 3, [100.0, 40.0]).unwrap();
        sheet.write_row(2, 0, ["XM-002", "丁项目", "搁置"]).unwrap();
        let options = ImportOptions { as_of: Some(d(2025, 9, 30)), county: Some("丙园区".into()), ..Default::default() };
        let imported = import_projects(&workbook.save_to_buffer().unwrap(), &options).unwrap();
        let draft = &imported.projects[0].draft;
        assert_eq!(draft.code.as_deref(), Some("XM-001"));
        assert_eq!(draft.county, "丙园区");
        assert_eq!(draft.stages.producing, Some(d(2025, 9, 30)));
        assert_eq!(draft.completed_investment, Some((d(2025, 9, 30), 40.0)));
        assert_eq!(imported.errors.len(), 1);
        assert!(imported.errors[0].reason.contains("搁置"));
    }
}
