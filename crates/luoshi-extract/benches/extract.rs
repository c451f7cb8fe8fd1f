//! Extraction throughput on the development corpus repeated to at least
//! 10 MB: `cargo bench -p luoshi-extract --bench extract`. Criterion reports
//! MB/s (Throughput::Bytes), twice: by wall-clock time, and by the CPU time of
//! the benchmarking thread (Linux `/proc/thread-self/schedstat`), which stays
//! honest when other work shares the machine. Skipped, with a notice, when
//! ../shared is absent.

use std::path::Path;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use luoshi_extract::{Options, extract};
use luoshi_text::PlainText;

const TARGET_BYTES: usize = 10 * 1024 * 1024;

fn corpus() -> Option<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir).ok()?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    let docs: Vec<String> = files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    if docs.is_empty() {
        return None;
    }
    let mut text = String::new();
    while text.len() < TARGET_BYTES {
        for d in &docs {
            text.push_str(d);
            text.push('\n');
        }
    }
    Some(text)
}

/// CPU time of the current thread, from the kernel's scheduler statistics.
struct ThreadCpuTime {
    wall: WallTime,
}

fn thread_cpu_now() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<u64>().ok()))
        .map_or(Duration::ZERO, Duration::from_nanos)
}

impl Measurement for ThreadCpuTime {
    type Intermediate = Duration;
    type Value = Duration;
    fn start(&self) -> Duration {
        thread_cpu_now()
    }
    fn end(&self, start: Duration) -> Duration {
        thread_cpu_now().saturating_sub(start)
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, v: &Duration) -> f64 {
        v.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        self.wall.formatter()
    }
}

fn run<M: Measurement>(c: &mut Criterion<M>, name: &str) {
    let Some(text) = corpus() else {
        eprintln!("notice: ../shared/corpus not found; extraction benchmark skipped");
        return;
    };
    let input = PlainText::from_text(text);
    let options = Options { source: "corpus-x10MB.txt".into(), year: None };
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(input.text.len() as u64));
    group.sample_size(10);
    group.bench_function("corpus_repeated_10MB", |b| b.iter(|| extract(std::hint::black_box(&input), &options)));
    group.finish();
}

fn wall(c: &mut Criterion) {
    run(c, "extract_wall");
}

fn cpu(c: &mut Criterion<ThreadCpuTime>) {
    run(c, "extract_cpu");
}

criterion_group!(wall_clock, wall);
criterion_group! {
    name = cpu_time;
    config = Criterion::default().with_measurement(ThreadCpuTime { wall: WallTime });
    targets = cpu
}
criterion_main!(wall_clock, cpu_time);
