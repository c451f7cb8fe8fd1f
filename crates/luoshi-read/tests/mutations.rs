//! Damaged files: valid renderings with bytes overwritten at random places.
//! Whatever the damage, a reader returns text or an error naming the file;
//! it never panics.

mod render;

use render::Block;

/// Deterministic noise (xorshift), so a failure can be reproduced.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn damage(bytes: &[u8], noise: &mut Noise) -> Vec<u8> {
    let mut damaged = bytes.to_vec();
    let hits = 1 + noise.next() % 8;
    for _ in 0..hits {
        let at = (noise.next() % damaged.len() as u64) as usize;
        let len = (1 + noise.next() % 16).min((damaged.len() - at) as u64) as usize;
        for byte in &mut damaged[at..at + len] {
            *byte = noise.next() as u8;
        }
    }
    if noise.next().is_multiple_of(4) {
        damaged.truncate((noise.next() % damaged.len() as u64) as usize + 1);
    }
    damaged
}

fn survives(name: &str, original: &[u8], rounds: usize, seed: u64) {
    let mut noise = Noise(seed);
    for round in 0..rounds {
        let damaged = damage(original, &mut noise);
        let result = std::panic::catch_unwind(|| luoshi_read::read_bytes(name, &damaged));
        match result {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => assert!(e.to_string().starts_with(&format!("{name}: ")), "{e}"),
            Err(_) => panic!("{name}: round {round} (seed {seed}) panicked"),
        }
    }
}

fn sample() -> Vec<String> {
    let (_, text) = render::corpus().into_iter().nth(4).expect("corpus document");
    render::paragraphs(&text)
}

#[test]
fn damaged_docx() {
    let blocks: Vec<Block> = sample().into_iter().map(Block::Paragraph).collect();
    survives("damaged.docx", &render::docx::bytes(&blocks), 300, 17);
}

#[test]
fn damaged_pdf() {
    survives("damaged.pdf", &render::pdf::bytes(&sample(), render::pdf::FontKind::IdentityH), 60, 23);
    survives("damaged.pdf", &render::pdf::bytes(&sample(), render::pdf::FontKind::UniGb), 40, 29);
}

#[test]
fn damaged_html_and_txt() {
    survives("damaged.html", &render::html::bytes(&sample(), 0, true), 300, 31);
    survives("damaged.txt", sample().join("\n").as_bytes(), 300, 37);
}
