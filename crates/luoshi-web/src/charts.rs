//! Inline SVG charts drawn on the server: no script, no external library,
//! readable when printed. Every label is XML-escaped.

use std::fmt::Write;

/// One bar: a label, a count and a fill colour.
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: usize,
    pub colour: &'a str,
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A horizontal bar chart with the count and share printed after each bar.
pub fn bar_chart(title: &str, bars: &[Bar<'_>]) -> String {
    const ROW: usize = 28;
    const LABEL_W: usize = 96;
    const BAR_W: usize = 340;
    let height = bars.len() * ROW + 12;
    let width = LABEL_W + BAR_W + 110;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let total: usize = bars.iter().map(|b| b.value).sum();
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{}">"#,
        escape(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = i * ROW + 6;
        let w = bar.value * BAR_W / max;
        let share = if total == 0 { 0.0 } else { bar.value as f64 * 100.0 / total as f64 };
        let _ = write!(
            svg,
            r#"<text x="{lx}" y="{ty}" text-anchor="end">{label}</text><rect x="{LABEL_W}" y="{y}" width="{w}" height="{h}" fill="{colour}" rx="2"><title>{label} {value}</title></rect><text x="{vx}" y="{ty}">{value}（{share:.1}%）</text>"#,
            lx = LABEL_W - 8,
            ty = y + 15,
            label = escape(bar.label),
            h = ROW - 8,
            colour = escape(bar.colour),
            value = bar.value,
            vx = LABEL_W + w + 6,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One point of a progress line: days since the chart's start, and a value.
pub struct Point {
    pub day: i64,
    pub value: f64,
}

/// One reported series (a target) with its goal.
pub struct Series<'a> {
    pub name: &'a str,
    pub goal: f64,
    pub points: Vec<Point>,
}

const SERIES_COLOURS: [&str; 6] = ["#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457"];

/// A line chart of reported values against time, one panel per series
/// scaled to its goal (so targets in different units share one picture):
/// the y axis is "% of goal", the dashed line is the straight path from the
/// start to the goal at the deadline.
pub fn progress_chart(span_days: i64, start_label: &str, end_label: &str, series: &[Series<'_>]) -> String {
    const W: f64 = 640.0;
    const H: f64 = 220.0;
    const LEFT: f64 = 44.0;
    const TOP: f64 = 12.0;
    const PLOT_W: f64 = 440.0;
    const PLOT_H: f64 = 170.0;
    let span = span_days.max(1) as f64;
    let max_share = series
        .iter()
        .flat_map(|s| s.points.iter().map(move |p| share_of(p.value, s.goal)))
        .fold(1.0_f64, f64::max)
        .min(3.0);
    let x = |day: i64| LEFT + (day.clamp(0, span_days.max(1)) as f64 / span) * PLOT_W;
    let y = |share: f64| TOP + PLOT_H - (share.clamp(0.0, max_share) / max_share) * PLOT_H;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" aria-label="进展曲线">"#
    );
    // Axes, the 100% line and the time-progress diagonal.
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{b}" stroke="#8a94a0"/><line x1="{LEFT}" y1="{b}" x2="{r}" y2="{b}" stroke="#8a94a0"/><line x1="{LEFT}" y1="{g}" x2="{r}" y2="{g}" stroke="#c62828" stroke-dasharray="2 3"/><line x1="{LEFT}" y1="{b}" x2="{r}" y2="{g}" stroke="#8a94a0" stroke-dasharray="5 4"/><text x="{tl}" y="{gt}" text-anchor="end">100%</text><text x="{tl}" y="{bt}" text-anchor="end">0</text><text x="{LEFT}" y="{lt}">{s}</text><text x="{r}" y="{lt}" text-anchor="end">{e}</text>"##,
        b = TOP + PLOT_H,
        r = LEFT + PLOT_W,
        g = y(1.0),
        tl = LEFT - 4.0,
        gt = y(1.0) + 4.0,
        bt = TOP + PLOT_H,
        lt = TOP + PLOT_H + 16.0,
        s = escape(start_label),
        e = escape(end_label),
    );
    for (i, s) in series.iter().enumerate() {
        let colour = SERIES_COLOURS[i % SERIES_COLOURS.len()];
        let path: Vec<String> =
            s.points.iter().map(|p| format!("{:.1},{:.1}", x(p.day), y(share_of(p.value, s.goal)))).collect();
        if path.len() > 1 {
            let _ = write!(svg, r#"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#, path.join(" "));
        }
        for p in &s.points {
            let _ = write!(
                svg,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{colour}"><title>{} {}</title></circle>"#,
                x(p.day),
                y(share_of(p.value, s.goal)),
                escape(s.name),
                p.value
            );
        }
        let _ = write!(
            svg,
            r#"<rect x="{lx}" y="{ly}" width="10" height="10" fill="{colour}"/><text x="{tx}" y="{ty}">{name}</text>"#,
            lx = LEFT + PLOT_W + 14.0,
            ly = TOP + i as f64 * 18.0,
            tx = LEFT + PLOT_W + 28.0,
            ty = TOP + i as f64 * 18.0 + 10.0,
            name = escape(&truncate(s.name, 8)),
        );
    }
    svg.push_str("</svg>");
    svg
}

fn share_of(value: f64, goal: f64) -> f64 {
    if goal.abs() < f64::EPSILON { 0.0 } else { value / goal }
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        text.chars().take(max_chars).chain(std::iter::once('…')).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_chart_scales_to_the_largest_bar_and_escapes_labels() {
        let svg = bar_chart(
            "状态",
            &[Bar { label: "已完成", value: 10, colour: "#2e7d32" }, Bar { label: "<欠进度>", value: 5, colour: "#c62828" }],
        );
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains(r#"width="340""#));
        assert!(svg.contains(r#"width="170""#));
        assert!(svg.contains("&lt;欠进度&gt;"));
        assert!(svg.contains("10（66.7%）"));
    }

    #[test]
    fn progress_chart_draws_each_report_as_a_point() {
        let series = Series { name: "完成投资", goal: 680.0, points: vec![Point { day: 180, value: 340.0 }, Point { day: 270, value: 500.0 }] };
        let svg = progress_chart(364, "2025-01-01", "2025-12-31", &[series]);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("<polyline"));
    }
}
