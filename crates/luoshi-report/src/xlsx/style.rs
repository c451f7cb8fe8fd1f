//! Shared cell formats: bordered, wrapped, Chinese-friendly widths.

use crate::domain::Light;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// Fill per light: the green/yellow/red an office expects at a glance.
const LIGHT_FILLS: [(Light, u32); 3] = [(Light::Green, 0x63BE7B), (Light::Yellow, 0xFFD966), (Light::Red, 0xF8696B)];

const HEADER_FILL: u32 = 0xD9E1F2;
/// Columns a unit fills in.
const INPUT_FILL: u32 = 0xFFF2CC;
/// Columns a unit must leave alone.
const LOCKED_FILL: u32 = 0xEDEDED;

pub fn title() -> Format {
    Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter)
}

pub fn header() -> Format {
    body().set_bold().set_align(FormatAlign::Center).set_background_color(Color::RGB(HEADER_FILL))
}

pub fn body() -> Format {
    Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter)
}

pub fn centred() -> Format {
    body().set_align(FormatAlign::Center)
}

pub fn section() -> Format {
    body().set_bold().set_background_color(Color::RGB(0xF2F2F2))
}

pub fn date() -> Format {
    centred().set_num_format("yyyy-mm-dd")
}

pub fn input() -> Format {
    body().set_background_color(Color::RGB(INPUT_FILL))
}

pub fn input_date() -> Format {
    input().set_num_format("yyyy-mm-dd").set_align(FormatAlign::Center)
}

pub fn locked() -> Format {
    body().set_background_color(Color::RGB(LOCKED_FILL))
}

pub fn light_rgb(light: Light) -> u32 {
    LIGHT_FILLS.iter().find(|(l, _)| *l == light).map(|(_, rgb)| *rgb).unwrap_or(0xFFFFFF)
}

/// A light cell: its label on its colour.
pub fn light(light: Light) -> Format {
    centred().set_bold().set_background_color(Color::RGB(light_rgb(light)))
}
