//! The columns of a 项目表, found by their header names. Variants are data,
//! tried in order (most specific first); each field takes the first
//! unclaimed column whose header contains a variant and none of its
//! exclusions (计划开工时间 is a plan, not the start).

use super::sheet::Grid;
// Same header cleaning and band stacking as the 分工方案 import.
use crate::xlsx::headers::band_texts;

/// What a column of a project sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 项目编号 / 项目代码: the office's own id, when present the import key.
    Code,
    /// 序号
    Number,
    /// 项目名称
    Name,
    /// 建设内容及规模
    Content,
    /// 项目业主 / 建设单位
    Enterprise,
    /// 县（市、区）/ 园区
    County,
    /// 产业链
    Industry,
    /// 项目类别
    Kind,
    /// 总投资
    TotalInvestment,
    /// 年度计划投资
    AnnualPlan,
    /// 1-N月完成投资
    Completed,
    /// 签约时间
    SignedOn,
    /// 开工时间
    StartedOn,
    /// 投产时间
    ProducingOn,
    /// 达效时间
    EffectiveOn,
    /// 所处阶段
    Stage,
    /// 包联单位 / 责任单位
    Unit,
    /// 包联领导
    Leader,
}

/// (header variant, field, words that rule the column out).
pub const PROJECT_HEADERS: &[(&str, Field, &[&str])] = &[
    ("项目编号", Field::Code, &[]),
    ("项目代码", Field::Code, &[]),
    ("序号", Field::Number, &[]),
    ("项目名称", Field::Name, &[]),
    ("建设内容", Field::Content, &[]),
    ("建设规模", Field::Content, &[]),
    ("主要内容", Field::Content, &[]),
    ("项目业主", Field::Enterprise, &[]),
    ("业主单位", Field::Enterprise, &[]),
    ("建设单位", Field::Enterprise, &[]),
    ("实施主体", Field::Enterprise, &[]),
    ("项目单位", Field::Enterprise, &[]),
    ("企业名称", Field::Enterprise, &[]),
    ("投资主体", Field::Enterprise, &[]),
    ("县（市、区）", Field::County, &[]),
    ("县(市、区)", Field::County, &[]),
    ("县市区", Field::County, &[]),
    ("县区", Field::County, &[]),
    ("所在地", Field::County, &[]),
    ("属地", Field::County, &[]),
    ("建设地点", Field::County, &[]),
    ("园区", Field::County, &[]),
    ("地区", Field::County, &[]),
    ("产业链", Field::Industry, &[]),
    ("所属产业", Field::Industry, &[]),
    ("产业类别", Field::Industry, &[]),
    ("所属行业", Field::Industry, &[]),
    ("行业", Field::Industry, &[]),
    ("项目类别", Field::Kind, &[]),
    ("项目类型", Field::Kind, &[]),
    ("项目性质", Field::Kind, &[]),
    ("类别", Field::Kind, &[]),
    ("类型", Field::Kind, &[]),
    ("总投资", Field::TotalInvestment, &["完成"]),
    ("年度计划投资", Field::AnnualPlan, &[]),
    ("年计划投资", Field::AnnualPlan, &[]),
    ("年度投资计划", Field::AnnualPlan, &[]),
    ("计划投资", Field::AnnualPlan, &["完成"]),
    ("完成投资", Field::Completed, &["率", "比例", "%", "占"]),
    ("累计完成", Field::Completed, &["率", "比例", "%", "占"]),
    ("签约时间", Field::SignedOn, &["计划"]),
    ("签约日期", Field::SignedOn, &["计划"]),
    ("实际开工", Field::StartedOn, &[]),
    ("开工时间", Field::StartedOn, &["计划", "预计"]),
    ("开工日期", Field::StartedOn, &["计划", "预计"]),
    ("投产时间", Field::ProducingOn, &["计划", "预计"]),
    ("投产日期", Field::ProducingOn, &["计划", "预计"]),
    ("竣工时间", Field::ProducingOn, &["计划", "预计"]),
    ("达效时间", Field::EffectiveOn, &["计划", "预计"]),
    ("达产时间", Field::EffectiveOn, &["计划", "预计"]),
    ("建设阶段", Field::Stage, &[]),
    ("所处阶段", Field::Stage, &[]),
    ("项目阶段", Field::Stage, &[]),
    ("项目状态", Field::Stage, &[]),
    ("当前阶段", Field::Stage, &[]),
    ("包联单位", Field::Unit, &[]),
    ("包保单位", Field::Unit, &[]),
    ("包联部门", Field::Unit, &[]),
    ("责任单位", Field::Unit, &[]),
    ("牵头单位", Field::Unit, &[]),
    ("责任部门", Field::Unit, &[]),
    ("包联领导", Field::Leader, &[]),
    ("包保领导", Field::Leader, &[]),
    ("责任领导", Field::Leader, &[]),
    ("联系领导", Field::Leader, &[]),
    ("名称", Field::Name, &[]),
];

/// Where the header sits and which column holds what (the same map as
/// the 分工方案 import's, over project fields).
pub type HeaderMap = crate::xlsx::headers::HeaderMap<Field>;

/// Fields to columns: variants in table order, each to the first unclaimed
/// column containing it (and no exclusion), each field once.
pub(crate) fn assign(headers: &[String]) -> Vec<(Field, usize)> {
    let mut assigned: Vec<(Field, usize)> = Vec::new();
    for (variant, field, exclusions) in PROJECT_HEADERS {
        if assigned.iter().any(|(f, _)| f == field) {
            continue;
        }
        let free = headers.iter().enumerate().find(|(col, text)| {
            text.contains(variant) && !exclusions.iter().any(|x| text.contains(x)) && !assigned.iter().any(|(_, c)| c == col)
        });
        if let Some((col, _)) = free {
            assigned.push((*field, col));
        }
    }
    assigned
}

const HEADER_SEARCH_ROWS: usize = 20;

/// The header band: the row naming most fields with 项目名称 among them,
/// joined by the row below when that names more and holds no numbers.
pub(crate) fn find_header(grid: &Grid) -> Option<HeaderMap> {
    let mut best: Option<(usize, Vec<(Field, usize)>)> = None;
    for row in 0..grid.row_count().min(HEADER_SEARCH_ROWS) {
        let found = assign(&band_texts(grid, row, row));
        if found.iter().any(|(f, _)| *f == Field::Name) && found.len() >= 3 && best.as_ref().is_none_or(|(_, b)| found.len() > b.len()) {
            best = Some((row, found));
        }
    }
    let (first, mut found) = best?;
    let mut last = first;
    while last + 1 < grid.row_count() && last < first + 2 {
        let next = last + 1;
        let numbers = (0..grid.width()).any(|c| matches!(grid.cell(next, c), calamine::Data::Float(_) | calamine::Data::Int(_)));
        let extended = assign(&band_texts(grid, first, next));
        if numbers || extended.len() <= found.len() {
            break;
        }
        found = extended;
        last = next;
    }
    let texts = band_texts(grid, first, last);
    let columns = found.into_iter().map(|(field, col)| (field, col, texts[col].clone())).collect();
    Some(HeaderMap { first_row: first, last_row: last, columns })
}

/// A few header names to quote in an error.
pub(crate) fn expected_headers() -> String {
    ["项目名称", "总投资", "年度计划投资", "1-N月完成投资", "开工时间", "责任单位"]
        .iter()
        .map(|v| format!("「{v}」"))
        .collect::<Vec<_>>()
        .join("、")
}

/// The month a 1-N月完成投资 header reports up to: the number before its
/// last 月 ("1-6月完成投资" → 6, "截至11月底累计完成" → 11).
pub fn header_month(header: &str) -> Option<u32> {
    let before: String = header.rsplit_once('月')?.0.chars().rev().take_while(char::is_ascii_digit).collect();
    let month: u32 = before.chars().rev().collect::<String>().parse().ok()?;
    (1..=12).contains(&month).then_some(month)
}

/// A four-digit year followed by 年 in a text ("2025年重点项目…" → 2025).
pub fn text_year(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(5).find_map(|w| {
        (w[4] == '年' && w[..4].iter().all(char::is_ascii_digit)).then(|| w[..4].iter().collect::<String>().parse().ok()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xlsx::headers::normalise;

    fn texts(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| normalise(n)).collect()
    }

    #[test]
    fn common_layouts_map_to_fields() {
        let found = assign(&texts(&[
            "序号", "项目名称", "建设内容及规模", "总投资（万元）", "2025年计划投资", "1-6月完成投资", "计划开工时间", "开工时间", "责任单位",
        ]));
        for pair in [
            (Field::Number, 0),
            (Field::Name, 1),
            (Field::Content, 2),
            (Field::TotalInvestment, 3),
            (Field::AnnualPlan, 4),
            (Field::Completed, 5),
            (Field::StartedOn, 7),
            (Field::Unit, 8),
        ] {
            assert!(found.contains(&pair), "{pair:?} in {found:?}");
        }
        let ratio = assign(&texts(&["项目名称", "1-6月完成投资占年度计划比例", "1-6月完成投资"]));
        assert!(ratio.contains(&(Field::Completed, 2)), "{ratio:?}");
    }

    #[test]
    fn months_and_years_from_headers() {
        assert_eq!(header_month("1-6月完成投资（万元）"), Some(6));
        assert_eq!(header_month("1—11月累计完成投资"), Some(11));
        assert_eq!(header_month("截至9月底完成投资"), Some(9));
        assert_eq!(header_month("累计完成投资"), None);
        assert_eq!(text_year("2025年全市重点项目调度表"), Some(2025));
        assert_eq!(text_year("重点项目"), None);
    }
}
