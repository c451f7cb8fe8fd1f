//! The project charts as inline SVG (no script, no external font): the
//! stage funnel, investment completion against 序时进度 by county, and one
//! project's cumulative investment month by month.

use chrono::{Datelike, NaiveDate};
use luoshi_ledger::projects::{GroupStats, PipelineStats, year_progress};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{:.1}%", v * 100.0))
}

const FONT: &str = "font-family=\"sans-serif\" font-size=\"13\"";

/// 三个一批 funnel: all projects, then each stage with its rate from the one before.
pub fn funnel_svg(stats: &PipelineStats) -> String {
    let rows = [
        ("全部项目", stats.projects, None),
        ("签约", stats.signed, None),
        ("开工", stats.started, stats.start_rate.map(|r| ("落地率", r))),
        ("投产", stats.producing, stats.production_rate.map(|r| ("投产率", r))),
        ("达效", stats.effective, stats.effective_rate.map(|r| ("达效率", r))),
    ];
    let (width, bar_height, gap, left) = (640.0, 30.0, 10.0, 90.0);
    let max = stats.projects.max(1) as f64;
    let height = rows.len() as f64 * (bar_height + gap) + gap;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"三个一批漏斗\" class=\"chart funnel\">"
    );
    let fills = ["#9aa5b1", "#6c8ebf", "#4f81bd", "#2e75b6", "#1f4e79"];
    for (i, ((label, count, rate), fill)) in rows.iter().zip(fills).enumerate() {
        let y = gap + i as f64 * (bar_height + gap);
        let w = ((width - left - 160.0) * *count as f64 / max).max(1.0);
        let x = left + (width - left - 160.0 - w) / 2.0;
        svg.push_str(&format!(
            "<text x=\"{tx}\" y=\"{ty}\" {FONT} text-anchor=\"end\">{label}</text>\
             <rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{bar_height}\" fill=\"{fill}\"><title>{label} {count}</title></rect>\
             <text x=\"{cx:.1}\" y=\"{ty}\" {FONT} text-anchor=\"middle\" fill=\"#fff\">{count}</text>",
            tx = left - 8.0,
            ty = y + 20.0,
            cx = x + w / 2.0,
        ));
        if let Some((name, value)) = rate {
            svg.push_str(&format!(
                "<text x=\"{rx}\" y=\"{ty}\" {FONT}>{name} {}</text>",
                percent(Some(*value)),
                rx = width - 150.0,
                ty = y + 20.0
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Investment completion per county as bars, 序时进度 as a dashed line.
pub fn counties_svg(groups: &[GroupStats], time_progress: f64) -> String {
    let (width, bar_height, gap, left, right) = (640.0, 20.0, 8.0, 110.0, 70.0);
    let height = groups.len().max(1) as f64 * (bar_height + gap) + gap + 24.0;
    let scale_max = groups.iter().filter_map(|g| g.stats.investment_completion).fold(1.0f64, f64::max);
    let span = width - left - right;
    let x_of = |v: f64| left + span * (v / scale_max).clamp(0.0, 1.0);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"分县区投资完成率与序时进度\" class=\"chart counties\">"
    );
    for (i, group) in groups.iter().enumerate() {
        let y = gap + i as f64 * (bar_height + gap);
        let completion = group.stats.investment_completion.unwrap_or(0.0);
        let behind = group.stats.investment_lag.is_some_and(|l| l < 0.0);
        let fill = if behind { "#e06666" } else { "#6aa84f" };
        svg.push_str(&format!(
            "<text x=\"{tx}\" y=\"{ty}\" {FONT} text-anchor=\"end\">{key}</text>\
             <rect x=\"{left}\" y=\"{y}\" width=\"{w:.1}\" height=\"{bar_height}\" fill=\"{fill}\"><title>{key} {p}</title></rect>\
             <text x=\"{lx:.1}\" y=\"{ty}\" {FONT}>{p}</text>",
            tx = left - 8.0,
            ty = y + 15.0,
            key = escape(&group.key),
            w = (x_of(completion) - left).max(1.0),
            lx = x_of(completion) + 4.0,
            p = percent(group.stats.investment_completion),
        ));
    }
    let tx = x_of(time_progress);
    let bottom = height - 20.0;
    svg.push_str(&format!(
        "<line x1=\"{tx:.1}\" y1=\"4\" x2=\"{tx:.1}\" y2=\"{bottom}\" stroke=\"#333\" stroke-dasharray=\"5,4\"/>\
         <text x=\"{tx:.1}\" y=\"{ly}\" {FONT} text-anchor=\"middle\">序时进度 {}</text></svg>",
        percent(Some(time_progress)),
        ly = height - 5.0
    ));
    svg
}

/// One project's year: cumulative completed investment at each report date
/// (bars) against the annual plan times 序时进度 (dashed line), in 万元.
pub fn investment_svg(points: &[(NaiveDate, f64)], annual_plan: Option<f64>, year: i32) -> String {
    let (width, height, left, bottom, top) = (640.0, 240.0, 60.0, 30.0, 16.0);
    let plan = annual_plan.unwrap_or(0.0);
    let max = points.iter().map(|(_, v)| *v).fold(plan, f64::max).max(1.0);
    let span_x = width - left - 16.0;
    let span_y = height - bottom - top;
    let x_of = |date: NaiveDate| left + span_x * (f64::from(date.ordinal0()) / 365.0);
    let y_of = |v: f64| top + span_y * (1.0 - v / max);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"累计完成投资\" class=\"chart investment\">\
         <line x1=\"{left}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"#999\"/>\
         <text x=\"{lx}\" y=\"{ty}\" {FONT} text-anchor=\"end\">{max:.0}</text><text x=\"{lx}\" y=\"{b}\" {FONT} text-anchor=\"end\">0</text>",
        b = height - bottom,
        r = width - 16.0,
        lx = left - 6.0,
        ty = top + 10.0,
    );
    for month in 1..=12u32 {
        if let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) {
            svg.push_str(&format!(
                "<text x=\"{x:.1}\" y=\"{y}\" {FONT} fill=\"#666\">{month}月</text>",
                x = x_of(first) + 4.0,
                y = height - 10.0
            ));
        }
    }
    if plan > 0.0
        && let (Some(start), Some(end)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31))
    {
        svg.push_str(&format!(
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#333\" stroke-dasharray=\"5,4\"><title>年度计划 {plan:.0} 万元 × 序时进度</title></line>",
            x_of(start),
            y_of(plan * year_progress(start)),
            x_of(end),
            y_of(plan)
        ));
    }
    for (date, value) in points {
        let x = x_of(*date);
        svg.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"14\" height=\"{:.1}\" fill=\"#4f81bd\"><title>{date} 累计 {value:.0} 万元</title></rect>",
            x - 7.0,
            y_of(*value),
            (height - bottom - y_of(*value)).max(0.5)
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use luoshi_ledger::projects::{GroupBy, ProjectFacts, StageDates, pipeline_stats, stats_by};

    #[test]
    fn charts_are_svg_with_escaped_labels() {
        let on = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
        let facts = vec![ProjectFacts {
            id: 1,
            county: "<甲县>".into(),
            stages: StageDates { signed: Some(on), ..Default::default() },
            annual_planned_investment: 100.0,
            completed_investment: Some(30.0),
            ..Default::default()
        }];
        let funnel = funnel_svg(&pipeline_stats(&facts, on));
        assert!(funnel.starts_with("<svg") && funnel.contains("签约") && funnel.ends_with("</svg>"));
        let counties = counties_svg(&stats_by(&facts, on, GroupBy::County), year_progress(on));
        assert!(counties.contains("&lt;甲县&gt;") && counties.contains("序时进度 49.6%"), "{counties}");
        let chart = investment_svg(&[(on, 30.0)], Some(100.0), 2025);
        assert!(chart.contains("累计 30 万元") && chart.contains("stroke-dasharray"));
    }
}
