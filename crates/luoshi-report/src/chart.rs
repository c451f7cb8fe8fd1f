//! The status chart: a horizontal bar per status, as SVG (for HTML and the
//! web app) and as PNG rasterised from that same SVG (for .docx).

use crate::domain::Status;
use crate::summary::{StatusSummary, format_share, status_rows};
use std::fmt::Write;
use std::sync::{Arc, OnceLock};

/// Fill colour per status: greens for the good, amber for behind, red for
/// overdue, grey for silence.
const STATUS_COLOURS: [(Status, &str); 6] = [
    (Status::Done, "#1b7f3b"),
    (Status::Ahead, "#3fa34d"),
    (Status::OnTrack, "#8cc63f"),
    (Status::Behind, "#f2b705"),
    (Status::Overdue, "#d62828"),
    (Status::NotReported, "#9e9e9e"),
];

/// Fonts the chart asks for, most specific first; any CJK font will do.
const CHART_FONTS: &str = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', SimHei, 'WenQuanYi Micro Hei', sans-serif";

const WIDTH: u32 = 640;
const TOP: u32 = 44;
const ROW: u32 = 34;
const LABEL_WIDTH: u32 = 110;
const BAR_WIDTH: u32 = 380;

pub fn status_colour(status: Status) -> &'static str {
    STATUS_COLOURS
        .iter()
        .find(|(s, _)| *s == status)
        .map(|(_, colour)| *colour)
        .unwrap_or("#9e9e9e")
}

/// The status bar chart as a self-contained SVG document (no external
/// fonts, images or scripts).
pub fn status_chart_svg(summary: &StatusSummary) -> String {
    let height = TOP + ROW * Status::ALL.len() as u32 + 16;
    let largest = status_rows(summary).map(|(_, n)| n).max().unwrap_or(0).max(1);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="任务状态分布" font-family="{CHART_FONTS}">"##
    );
    let _ = write!(
        svg,
        r##"<rect width="{WIDTH}" height="{height}" fill="#ffffff"/><text x="{}" y="26" font-size="18" font-weight="bold" text-anchor="middle" fill="#222222">任务状态分布（共{}项）</text>"##,
        WIDTH / 2,
        summary.total
    );
    for (index, (status, count)) in status_rows(summary).enumerate() {
        let y = TOP + ROW * index as u32;
        let bar = if count == 0 {
            0
        } else {
            (BAR_WIDTH as usize * count / largest).max(2) as u32
        };
        let _ = write!(
            svg,
            r##"<g class="status-row" data-status="{label}"><text x="{lx}" y="{ty}" font-size="14" text-anchor="end" fill="#333333">{label}</text><rect x="{bx}" y="{by}" width="{bar}" height="{bh}" rx="3" fill="{colour}"/><text x="{vx}" y="{ty}" font-size="14" fill="#333333">{count}项 {share}</text></g>"##,
            label = status.label(),
            lx = LABEL_WIDTH - 10,
            ty = y + 20,
            bx = LABEL_WIDTH,
            by = y + 6,
            bh = ROW - 10,
            colour = status_colour(status),
            vx = LABEL_WIDTH + bar + 8,
            share = format_share(summary.share(status)),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Why the chart could not be rasterised.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("the chart SVG did not parse: {0}")]
    Svg(String),
    #[error("the chart PNG could not be encoded: {0}")]
    Png(String),
}

/// The system fonts, loaded once: scanning them costs tens of milliseconds.
fn system_fonts() -> Arc<resvg::usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut fonts = resvg::usvg::fontdb::Database::new();
            fonts.load_system_fonts();
            Arc::new(fonts)
        })
        .clone()
}

/// The status chart as PNG bytes at `scale` times its SVG size, with its
/// pixel width and height. Labels need a CJK system font to show; the bars
/// draw regardless.
pub fn status_chart_png(summary: &StatusSummary, scale: f32) -> Result<(Vec<u8>, u32, u32), ChartError> {
    let svg = status_chart_svg(summary);
    let options = resvg::usvg::Options {
        fontdb: system_fonts(),
        ..Default::default()
    };
    let tree = resvg::usvg::Tree::from_str(&svg, &options).map_err(|e| ChartError::Svg(e.to_string()))?;
    let size = tree.size().to_int_size().scale_by(scale).ok_or_else(|| ChartError::Png("zero-sized chart".into()))?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| ChartError::Png("zero-sized chart".into()))?;
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let png = pixmap.encode_png().map_err(|e| ChartError::Png(e.to_string()))?;
    Ok((png, size.width(), size.height()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Light;

    fn sample() -> StatusSummary {
        StatusSummary::from_judgements([(Status::Done, Light::Green), (Status::Behind, Light::Yellow), (Status::Behind, Light::Red), (Status::Overdue, Light::Red)])
    }

    #[test]
    fn svg_has_a_bar_and_share_per_status() {
        let svg = status_chart_svg(&sample());
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("class=\"status-row\"").count(), 6);
        assert!(svg.contains("欠进度"));
        assert!(svg.contains("2项 50.0%"));
        assert!(svg.contains(status_colour(Status::Overdue)));
        assert!(!svg.contains("href"), "no external references");
    }

    #[test]
    fn png_is_a_png_of_the_scaled_size() {
        let (png, width, height) = status_chart_png(&sample(), 2.0).expect("rasterise");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(width, WIDTH * 2);
        assert!(height > 200);
    }
}
