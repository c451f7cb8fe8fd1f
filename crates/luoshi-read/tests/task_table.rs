//! A 分工方案 laid out as a table (tests/render/task_table.rs) reads row by
//! row, every row right, from its .docx and from the PDF LibreOffice makes
//! of it (tests/fixtures/libreoffice/task_table, see make.sh): the PDF's
//! cells come from where their text stands, not from the text stream.

mod render;

use luoshi_extract::{Extraction, Options, extract};
use luoshi_text::PlainText;

/// What a clerk reads in each row: title, units (lead first), and each
/// target's value and deadline.
struct Row {
    title: &'static str,
    units: &'static [&'static str],
    targets: &'static [(f64, &'static str)],
}

const EXPECTED: [Row; 8] = [
    Row {
        title: "新增规上工业企业180家以上",
        units: &["市工业和信息化局", "市统计局", "各县（市、区）政府"],
        targets: &[(180.0, "2024-12-31")],
    },
    Row {
        title: "完成8个新建停车场建设，新增公共停车泊位2000个",
        units: &["市住房和城乡建设局", "市自然资源和规划局", "市公安局"],
        targets: &[(8.0, "2024-06-30"), (2000.0, "2024-06-30")],
    },
    Row {
        title: "实施老旧小区改造项目35个",
        units: &["市住房和城乡建设局", "各县（市、区）政府"],
        targets: &[(35.0, "2024-10-31")],
    },
    Row {
        title: "全市规上工业增加值增速达到6.5%以上",
        units: &["市工业和信息化局", "市发展和改革委员会"],
        targets: &[(6.5, "2024-06-30")],
    },
    Row {
        title: "新培育省级专精特新中小企业50家",
        units: &["市工业和信息化局", "市科学技术局", "市财政局"],
        targets: &[(50.0, "2024-11-30")],
    },
    Row {
        title: "推动300家企业开展数字化转型诊断服务",
        units: &["市工业和信息化局", "市大数据局"],
        targets: &[(300.0, "2024-09-30")],
    },
    Row {
        title: "城镇新增就业2.5万人，城镇调查失业率控制在5.5%以内",
        units: &["市人力资源和社会保障局", "各县（市、区）政府"],
        targets: &[(2.5, "2024-12-31"), (5.5, "2024-12-31")],
    },
    Row {
        title: "空气质量优良天数比例达到75%",
        units: &["市生态环境局", "市住房和城乡建设局", "市交通运输局"],
        targets: &[(75.0, "2024-12-31")],
    },
];

fn extraction(plain: &PlainText) -> Extraction {
    extract(plain, &Options { source: "分工方案".into(), year: None })
}

/// Every expected row is one task with exactly its title, units and targets.
fn check(x: &Extraction, kind: &str) {
    for want in &EXPECTED {
        let task = x
            .tasks
            .iter()
            .find(|t| t.title == want.title)
            .unwrap_or_else(|| panic!("{kind}: no task {}: {:?}", want.title, x.tasks.iter().map(|t| &t.title).collect::<Vec<_>>()));
        assert_eq!(task.units, want.units, "{kind}: units of {}", want.title);
        let got: Vec<(f64, String)> =
            task.targets.iter().map(|g| (g.value, g.deadline.map(|d| d.to_string()).unwrap_or_default())).collect();
        let want_targets: Vec<(f64, String)> = want.targets.iter().map(|(v, d)| (*v, d.to_string())).collect();
        assert_eq!(got, want_targets, "{kind}: targets of {}", want.title);
    }
}

#[test]
fn task_table_from_docx_reads_row_by_row() {
    let bytes = render::docx::clean_bytes(&render::task_table::blocks());
    let plain = luoshi_read::read_bytes("分工方案.docx", &bytes).expect("docx reads");
    check(&extraction(&plain), "docx");
}

#[test]
fn task_table_from_libreoffice_pdf_reads_row_by_row() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/libreoffice/task_table/task_table.pdf");
    let plain = luoshi_read::read_path(&path).expect("pdf reads");
    assert_eq!(plain.tables.len(), 1, "one table read from the page");
    assert_eq!(plain.tables[0].rows.len(), 9, "header and eight rows");
    check(&extraction(&plain), "pdf");
}

#[test]
fn task_table_from_html_reads_row_by_row_even_with_long_cells() {
    let long = "加强企业培育库动态管理，落实小升规奖励政策，建立健全企业梯度培育机制，".repeat(6);
    let mut html = String::from("<html><body><div class=\"article\"><p>某市2024年政府工作报告重点工作任务分工方案</p><table><tr>");
    for h in render::task_table::HEADER {
        html.push_str(&format!("<th>{h}</th>"));
    }
    html.push_str("</tr>");
    for (k, row) in render::task_table::ROWS.iter().enumerate() {
        html.push_str("<tr>");
        for (c, cell) in row.iter().enumerate() {
            // The first row's task cell runs long, as real ones do.
            let text = if k == 0 && c == 1 { format!("{cell}{long}") } else { cell.to_string() };
            html.push_str(&format!("<td>{text}</td>"));
        }
        html.push_str("</tr>");
    }
    html.push_str("</table></div></body></html>");
    let plain = luoshi_read::read_bytes("分工方案.html", html.as_bytes()).expect("html reads");
    check(&extraction(&plain), "html");
}

#[test]
fn task_table_from_xlsx_reads_row_by_row() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("分工方案").unwrap();
    sheet.write_string(0, 0, "某市2024年政府工作报告重点工作任务分工方案").unwrap();
    for (c, h) in render::task_table::HEADER.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for (r, row) in render::task_table::ROWS.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let at = (r as u32 + 2, c as u16);
            // 序号 as a number, as a clerk types it.
            match cell.parse::<f64>() {
                Ok(n) if c == 0 => sheet.write_number(at.0, at.1, n).unwrap(),
                _ => sheet.write_string(at.0, at.1, *cell).unwrap(),
            };
        }
    }
    let bytes = workbook.save_to_buffer().unwrap();
    let plain = luoshi_read::read_bytes("分工方案.xlsx", &bytes).expect("xlsx reads");
    check(&extraction(&plain), "xlsx");
}

#[test]
fn an_xlsx_part_that_inflates_past_the_limit_is_refused_while_read() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", deflated).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("xl/sharedStrings.xml", deflated).unwrap();
    let block = vec![b'a'; 1 << 20];
    for _ in 0..64 {
        zip.write_all(&block).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 1 << 20, "the bomb is small: {} bytes", bytes.len());
    let limits = luoshi_read::Limits { max_part_bytes: 8 << 20, ..Default::default() };
    let err = luoshi_read::read_bytes_with("bomb.xlsx", &bytes, &limits).unwrap_err();
    assert_eq!(err.file, "bomb.xlsx");
    assert!(err.to_string().contains("xl/sharedStrings.xml"), "{err}");
}
