//! Bad input: every file gets an error naming it and the reason; nothing
//! panics, and memory stays bounded (sizes are checked before reading).

mod render;

use std::io::Write;

use lopdf::dictionary;
use luoshi_read::{Limits, ReadError, read_bytes, read_bytes_with, read_path};
use render::Block;

fn sample_paragraphs() -> Vec<String> {
    let (_, text) = render::corpus().into_iter().next().expect("a corpus document");
    render::paragraphs(&text)
}

fn sample_docx() -> Vec<u8> {
    render::docx::bytes(&sample_paragraphs().into_iter().map(Block::Paragraph).collect::<Vec<_>>())
}

fn sample_pdf() -> Vec<u8> {
    render::pdf::bytes(&sample_paragraphs(), render::pdf::FontKind::IdentityH)
}

/// The error's message is `<file>: <reason>` and the reason says `expected`.
fn assert_error(result: Result<luoshi_read::PlainText, ReadError>, file: &str, expected: &str) {
    let error = result.expect_err("bad input must be an error");
    let message = error.to_string();
    assert!(message.starts_with(&format!("{file}: ")), "{message:?} does not name {file}");
    assert!(message.contains(expected), "{message:?} does not say {expected:?}");
}

/// Deterministic noise (xorshift), so a failure can be reproduced.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn corrupt_zip() {
    let mut docx = sample_docx();
    // Damage the central directory at the end of the archive.
    let len = docx.len();
    docx[len - 40..].copy_from_slice(&noise(40, 7));
    assert_error(read_bytes("plan.docx", &docx), "plan.docx", "corrupt .docx");
    // A zip cut off half way.
    let cut = &sample_docx()[..len / 2];
    assert_error(read_bytes("cut.docx", cut), "cut.docx", "corrupt .docx");
    // A compressed part whose data is garbage.
    let mut garbled = sample_docx();
    let middle = garbled.len() / 3;
    garbled[middle..middle + 200].copy_from_slice(&noise(200, 11));
    assert!(read_bytes("garbled.docx", &garbled).is_err_and(|e| e.to_string().starts_with("garbled.docx: ")));
}

#[test]
fn zip_without_a_word_document() {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    writer.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default()).unwrap();
    writer.write_all(b"<workbook/>").unwrap();
    let xlsx = writer.finish().unwrap().into_inner();
    assert_error(read_bytes("sheet.docx", &xlsx), "sheet.docx", "not a Word document");
}

#[test]
fn malformed_document_xml() {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    writer.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    writer.write_all("<w:document><w:body><w:p><w:t>一、总体要求</w:r></w:p>".as_bytes()).unwrap();
    let docx = writer.finish().unwrap().into_inner();
    assert_error(read_bytes("broken.docx", &docx), "broken.docx", "malformed XML in word/document.xml");
}

#[test]
fn zip_bomb_is_bounded() {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("word/document.xml", options).unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..8 {
        writer.write_all(&block).unwrap();
    }
    let bomb = writer.finish().unwrap().into_inner();
    assert!(bomb.len() < 64 * 1024, "8 MiB of spaces compress to {} bytes", bomb.len());
    let limits = Limits { max_part_bytes: 2 << 20, ..Limits::default() };
    assert_error(read_bytes_with("bomb.docx", &bomb, &limits), "bomb.docx", "zip bomb");
}

#[test]
fn legacy_doc_renamed_docx() {
    // An OLE compound file header, as Word 97–2003 writes, and some sectors.
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend(noise(4096, 3));
    assert_error(read_bytes("plan.docx", &doc), "plan.docx", "legacy Word .doc");
}

#[test]
fn encrypted_pdf_needs_a_password() {
    use lopdf::encryption::{EncryptionState, EncryptionVersion, Permissions};
    let encrypt = |user_password: &str| {
        let mut document = lopdf::Document::load_mem(&sample_pdf()).unwrap();
        let id = lopdf::Object::String(b"0123456789abcdef".to_vec(), lopdf::StringFormat::Hexadecimal);
        document.trailer.set("ID", vec![id.clone(), id]);
        let state = EncryptionState::try_from(EncryptionVersion::V2 {
            document: &document,
            owner_password: "owner-secret",
            user_password,
            key_length: 128,
            permissions: Permissions::PRINTABLE,
        })
        .unwrap();
        document.encrypt(&state).unwrap();
        let mut bytes = Vec::new();
        document.save_to(&mut bytes).unwrap();
        bytes
    };
    assert_error(read_bytes("secret.pdf", &encrypt("user-secret")), "secret.pdf", "encrypted PDF");
    // Protection with an empty user password only restricts printing and
    // copying: OA systems do this, and the text is readable.
    let plain = read_bytes("protected.pdf", &encrypt("")).expect("empty user password reads");
    assert!(plain.text.contains("积极扩大有效投资"), "{}", plain.text.chars().take(200).collect::<String>());
}

#[test]
fn pdf_with_a_bogus_encrypt_entry() {
    // A trailer that points at an encryption dictionary we cannot satisfy.
    let mut document = lopdf::Document::load_mem(&sample_pdf()).unwrap();
    let encrypt = document.add_object(dictionary! {
        "Filter" => "Standard", "V" => 2, "R" => 3, "Length" => 128, "P" => -4,
        "O" => lopdf::Object::String(noise(32, 5), lopdf::StringFormat::Hexadecimal),
        "U" => lopdf::Object::String(noise(32, 6), lopdf::StringFormat::Hexadecimal),
    });
    document.trailer.set("Encrypt", encrypt);
    let id = lopdf::Object::String(b"0123456789abcdef".to_vec(), lopdf::StringFormat::Hexadecimal);
    document.trailer.set("ID", vec![id.clone(), id]);
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).unwrap();
    assert_error(read_bytes("crafted.pdf", &bytes), "crafted.pdf", "encrypted PDF");
}

#[test]
fn scanned_pdf_has_no_text_layer() {
    use lopdf::content::{Content, Operation};
    let mut document = lopdf::Document::with_version("1.5");
    let pages_id = document.new_object_id();
    let image = lopdf::Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 8, "Height" => 8,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
        noise(64, 9),
    );
    let image_id = document.add_object(image);
    let content = Content {
        operations: vec![
            Operation::new("q", vec![]),
            Operation::new("cm", vec![500.into(), 0.into(), 0.into(), 700.into(), 40.into(), 60.into()]),
            Operation::new("Do", vec!["Im1".into()]),
            Operation::new("Q", vec![]),
        ],
    };
    let content_id = document.add_object(lopdf::Stream::new(dictionary! {}, content.encode().unwrap()));
    let page_id = document.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image_id } },
    });
    document.objects.insert(pages_id, lopdf::Object::Dictionary(dictionary! {
        "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
    }));
    let catalog = document.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    document.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).unwrap();
    assert_error(read_bytes("scan.pdf", &bytes), "scan.pdf", "no text layer (scanned image?)");
}

#[test]
fn cid_fonts_without_to_unicode_are_undecodable() {
    let mut document = lopdf::Document::load_mem(&sample_pdf()).unwrap();
    let fonts: Vec<_> = document
        .objects
        .iter()
        .filter(|(_, o)| o.as_dict().is_ok_and(|d| d.has(b"ToUnicode")))
        .map(|(id, _)| *id)
        .collect();
    assert!(!fonts.is_empty());
    for id in fonts {
        document.get_object_mut(id).unwrap().as_dict_mut().unwrap().remove(b"ToUnicode");
    }
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).unwrap();
    assert_error(read_bytes("glyphs.pdf", &bytes), "glyphs.pdf", "no ToUnicode map");
}

#[test]
fn truncated_pdf() {
    let pdf = sample_pdf();
    assert_error(read_bytes("cut.pdf", &pdf[..pdf.len() / 3]), "cut.pdf", "PDF");
}

#[test]
fn pdf_timeout_is_an_error() {
    let limits = Limits { pdf_timeout_secs: 0, ..Limits::default() };
    assert_error(read_bytes_with("slow.pdf", &sample_pdf(), &limits), "slow.pdf", "longer than 0 seconds");
}

#[test]
fn two_hundred_megabytes_are_refused_before_reading() {
    let dir = std::env::temp_dir().join(format!("luoshi-read-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.txt");
    // Sparse: the size is real, the disk blocks are not.
    std::fs::File::create(&path).unwrap().set_len(200 * 1024 * 1024).unwrap();
    let result = read_path(&path);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_error(result, &path.display().to_string(), "above the limit of 104857600 bytes");
}

#[test]
fn random_bytes_under_every_name() {
    for seed in 1..=8 {
        let bytes = noise(64 * 1024, seed);
        for name in ["noise.txt", "noise.docx", "noise.pdf", "noise.html", "noise"] {
            let result = read_bytes(name, &bytes);
            assert!(
                result.as_ref().is_err_and(|e| e.to_string().starts_with(&format!("{name}: "))),
                "{name} (seed {seed}): {:?}",
                result.map(|p| p.text.chars().take(50).collect::<String>())
            );
        }
    }
    // Random bytes behind a real header go to the format's reader and fail there.
    for (name, header) in [("x.docx", &b"PK\x03\x04"[..]), ("x.pdf", &b"%PDF-1.7\n"[..])] {
        let bytes = [header, &noise(8192, 99)].concat();
        assert!(read_bytes(name, &bytes).is_err_and(|e| e.to_string().starts_with(&format!("{name}: "))));
    }
}

#[test]
fn missing_and_empty_files() {
    assert_error(read_path(std::path::Path::new("/nonexistent/plan.docx")), "/nonexistent/plan.docx", "cannot open");
    assert_error(read_bytes("empty.txt", b""), "empty.txt", "empty file");
    assert_error(read_bytes("plan.pptx", b"PK\x03\x04"), "plan.pptx", "unsupported file type");
}
