//! 三个一批推进情况: the pipeline summary an office circulates, as Markdown
//! and .docx. The content is built once (paragraphs and one table) and
//! rendered twice.

use super::{ProjectRow, chinese_date, percent, yi};
use chrono::NaiveDate;
use docx_rs::{
    AlignmentType, Docx, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Table, TableCell, TableRow,
};
use luoshi_ledger::Light;
use luoshi_ledger::projects::{GroupStats, PipelineStats};

/// What the summary is about.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineSummaryInput {
    /// e.g. 全市重点项目“三个一批”推进情况通报
    pub title: String,
    pub as_of: NaiveDate,
    pub total: PipelineStats,
    /// The rates by county (县区), in the order to print.
    pub by_county: Vec<GroupStats>,
    /// The projects to name (red and yellow lights), with their problems.
    pub lagging: Vec<ProjectRow>,
}

enum Block {
    Heading(String),
    Paragraph(String),
    Table { header: Vec<String>, rows: Vec<Vec<String>> },
}

/// 快于 / 慢于 序时进度 by so many percentage points.
fn against_time(stats: &PipelineStats) -> String {
    match stats.investment_lag {
        Some(lag) if lag >= 0.0 => format!("快于序时进度{:.1}个百分点", lag * 100.0),
        Some(lag) => format!("慢于序时进度{:.1}个百分点", -lag * 100.0),
        None => "无年度计划投资，未计算序时进度".to_string(),
    }
}

fn blocks(input: &PipelineSummaryInput) -> Vec<Block> {
    let t = &input.total;
    let mut blocks = vec![
        Block::Paragraph(format!(
            "截至{}，全市纳入调度的重点项目{}个，总投资{}亿元，年度计划投资{}亿元。累计完成投资{}亿元（其中入库纳统{}亿元），\
             完成年度计划的{}，{}（序时进度{}）。",
            chinese_date(input.as_of),
            t.projects,
            yi(t.total_investment),
            yi(t.planned_investment),
            yi(t.completed_investment),
            yi(t.statistics_investment),
            percent(t.investment_completion),
            against_time(t),
            percent(Some(t.time_progress)),
        )),
        Block::Heading("一、签约一批".into()),
        Block::Paragraph(format!(
            "已签约项目{}个，其中已开工{}个，签约项目落地率{}；尚在谋划储备的项目{}个。",
            t.signed,
            t.started,
            percent(t.start_rate),
            t.planned
        )),
        Block::Heading("二、开工一批".into()),
        Block::Paragraph(format!(
            "已开工项目{}个，占全部项目的{}；其中已投产{}个，开工项目投产率{}。",
            t.started,
            percent(t.start_rate_of_all),
            t.producing,
            percent(t.production_rate)
        )),
        Block::Heading("三、投产一批".into()),
        Block::Paragraph(format!(
            "已投产项目{}个，其中达产达效{}个，投产项目达效率{}。",
            t.producing,
            t.effective,
            percent(t.effective_rate)
        )),
    ];
    if !input.by_county.is_empty() {
        blocks.push(Block::Heading("四、分县区推进情况".into()));
        let header = ["县（市、区）", "项目数", "签约", "开工", "投产", "落地率", "投产率", "年度计划投资（亿元）", "完成投资（亿元）", "投资完成率", "较序时进度"];
        let rows = input
            .by_county
            .iter()
            .map(|g| {
                let s = &g.stats;
                vec![
                    g.key.clone(),
                    s.projects.to_string(),
                    s.signed.to_string(),
                    s.started.to_string(),
                    s.producing.to_string(),
                    percent(s.start_rate),
                    percent(s.production_rate),
                    yi(s.planned_investment),
                    yi(s.completed_investment),
                    percent(s.investment_completion),
                    s.investment_lag.map_or("—".into(), |l| format!("{:+.1}", l * 100.0)),
                ]
            })
            .collect();
        blocks.push(Block::Table { header: header.iter().map(|h| h.to_string()).collect(), rows });
        let behind: Vec<&str> =
            input.by_county.iter().filter(|g| g.stats.investment_lag.is_some_and(|l| l < 0.0)).map(|g| g.key.as_str()).collect();
        if !behind.is_empty() {
            blocks.push(Block::Paragraph(format!("投资完成慢于序时进度的有：{}。", behind.join("、"))));
        }
    }
    let red: Vec<&ProjectRow> = input.lagging.iter().filter(|r| r.light == Light::Red).collect();
    let yellow = input.lagging.iter().filter(|r| r.light == Light::Yellow).count();
    blocks.push(Block::Heading(format!("{}、需要关注的项目", if input.by_county.is_empty() { "四" } else { "五" })));
    blocks.push(Block::Paragraph(format!("亮红灯项目{}个，亮黄灯项目{}个。", red.len(), yellow)));
    for (i, row) in red.iter().enumerate() {
        let problems = if row.problems.trim().is_empty() { "未报送存在问题".to_string() } else { row.problems.trim().to_string() };
        blocks.push(Block::Paragraph(format!(
            "{}. {}（{}，包联单位：{}）：年度计划投资{}万元，累计完成{}万元，完成率{}。{}",
            i + 1,
            row.name,
            row.county,
            if row.responsible_unit.is_empty() { "未明确" } else { &row.responsible_unit },
            row.annual_planned_investment.map_or("—".into(), |v| format!("{v:.0}")),
            row.completed_investment.map_or("—".into(), |v| format!("{v:.0}")),
            percent(row.investment_completion),
            problems
        )));
    }
    blocks
}

fn cell_text(text: &str) -> String {
    text.replace('|', "｜").replace('\n', " ")
}

/// The summary as Markdown.
pub fn render_summary_markdown(input: &PipelineSummaryInput) -> String {
    let mut out = format!("# {}\n\n", input.title);
    for block in blocks(input) {
        match block {
            Block::Heading(text) => out.push_str(&format!("## {text}\n\n")),
            Block::Paragraph(text) => out.push_str(&format!("{text}\n\n")),
            Block::Table { header, rows } => {
                out.push_str(&format!("| {} |\n", header.iter().map(|h| cell_text(h)).collect::<Vec<_>>().join(" | ")));
                out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
                for row in rows {
                    out.push_str(&format!("| {} |\n", row.iter().map(|c| cell_text(c)).collect::<Vec<_>>().join(" | ")));
                }
                out.push('\n');
            }
        }
    }
    out
}

/// 公文 fonts: 小标宋 title, 黑体 headings, 仿宋 body (宋体 the default).
const TITLE_FONT: &str = "方正小标宋简体";
const HEADING_FONT: &str = "黑体";
const BODY_FONT: &str = "仿宋_GB2312";
const FALLBACK_FONT: &str = "宋体";

fn run(text: &str, font: &str, half_points: usize) -> Run {
    Run::new().add_text(text).fonts(RunFonts::new().east_asia(font).ascii("Times New Roman")).size(half_points)
}

#[derive(Debug, thiserror::Error)]
#[error("writing the .docx failed: {0}")]
pub struct SummaryDocxError(String);

/// The summary as .docx bytes.
pub fn render_summary_docx(input: &PipelineSummaryInput) -> Result<Vec<u8>, SummaryDocxError> {
    let mut docx = Docx::new()
        .page_size(11906, 16838)
        .page_margin(PageMargin::new().top(2098).bottom(1984).left(1588).right(1474))
        .default_fonts(RunFonts::new().east_asia(FALLBACK_FONT).ascii("Times New Roman"))
        .add_paragraph(Paragraph::new().add_run(run(&input.title, TITLE_FONT, 44)).align(AlignmentType::Center));
    for block in blocks(input) {
        docx = match block {
            Block::Heading(text) => docx.add_paragraph(
                Paragraph::new()
                    .add_run(run(&text, HEADING_FONT, 32))
                    .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None),
            ),
            Block::Paragraph(text) => docx.add_paragraph(
                Paragraph::new()
                    .add_run(run(&text, BODY_FONT, 32))
                    .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
                    .align(AlignmentType::Both),
            ),
            Block::Table { header, rows } => {
                let cell = |text: &str, bold: bool| {
                    let mut r = run(text, FALLBACK_FONT, 20);
                    if bold {
                        r = r.bold();
                    }
                    TableCell::new().add_paragraph(Paragraph::new().add_run(r).align(AlignmentType::Center))
                };
                let mut table_rows = vec![TableRow::new(header.iter().map(|h| cell(h, true)).collect())];
                table_rows.extend(rows.iter().map(|row| TableRow::new(row.iter().map(|c| cell(c, false)).collect())));
                docx.add_table(Table::new(table_rows))
            }
        };
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).map_err(|e| SummaryDocxError(e.to_string()))?;
    Ok(bytes.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use luoshi_ledger::projects::{GroupBy, ProjectFacts, StageDates, Stage, pipeline_stats, stats_by};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    fn input() -> PipelineSummaryInput {
        let facts = vec![
            ProjectFacts {
                id: 1,
                county: "甲县".into(),
                stages: StageDates { signed: Some(d(1, 5)), started: Some(d(3, 1)), ..Default::default() },
                total_investment: 50_000.0,
                annual_planned_investment: 20_000.0,
                completed_investment: Some(12_000.0),
                in_statistics: true,
                ..Default::default()
            },
            ProjectFacts {
                id: 2,
                county: "乙区".into(),
                stages: StageDates { signed: Some(d(2, 1)), ..Default::default() },
                total_investment: 30_000.0,
                annual_planned_investment: 10_000.0,
                completed_investment: Some(1_000.0),
                ..Default::default()
            },
        ];
        let lagging = vec![ProjectRow {
            id: 2,
            name: "乙区算力中心".into(),
            county: "乙区".into(),
            kind: "市重点".into(),
            industry_chain: String::new(),
            enterprise: String::new(),
            responsible_unit: "市数据局".into(),
            total_investment: Some(30_000.0),
            annual_planned_investment: Some(10_000.0),
            completed_investment: Some(1_000.0),
            in_statistics: false,
            stage: Stage::Signed,
            started_on: None,
            progress: String::new(),
            problems: "用地指标未落实".into(),
            investment_completion: Some(0.1),
            light: Light::Red,
        }];
        PipelineSummaryInput {
            title: "全市重点项目“三个一批”推进情况通报".into(),
            as_of: d(6, 30),
            total: pipeline_stats(&facts, d(6, 30)),
            by_county: stats_by(&facts, d(6, 30), GroupBy::County),
            lagging,
        }
    }

    #[test]
    fn markdown_states_the_rates() {
        let md = render_summary_markdown(&input());
        assert!(md.contains("截至2025年6月30日，全市纳入调度的重点项目2个，总投资8.00亿元，年度计划投资3.00亿元"), "{md}");
        assert!(md.contains("累计完成投资1.30亿元（其中入库纳统1.20亿元），完成年度计划的43.3%，慢于序时进度6.3个百分点"), "{md}");
        assert!(md.contains("已签约项目2个，其中已开工1个，签约项目落地率50.0%"), "{md}");
        assert!(md.contains("| 甲县 | 1 | 1 | 1 | 0 | 100.0% |"), "{md}");
        assert!(md.contains("投资完成慢于序时进度的有：乙区。"), "{md}");
        assert!(md.contains("1. 乙区算力中心（乙区，包联单位：市数据局）") && md.contains("用地指标未落实"), "{md}");
    }

    #[test]
    fn docx_is_a_word_document() {
        let bytes = render_summary_docx(&input()).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
        assert!(xml.contains("签约项目落地率50.0%"));
        assert!(xml.contains("乙区算力中心"));
    }
}
