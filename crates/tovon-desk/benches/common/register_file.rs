//! The generated register the benchmarks import: 1 000 000 policies with the canonical
//! header (about 216 MB), the same every run, and the same register again with some rows
//! changed (a refresh).
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

pub const POLICIES: u32 = 1_000_000;

/// Where the benchmarks keep their generated files and databases between runs: /dev/shm
/// when the machine has it, else `target/bench-data/`.
pub fn bench_dir() -> PathBuf {
    let shm = Path::new("/dev/shm");
    let base = if shm.is_dir() {
        shm.join("tovon-bench")
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data")
    };
    std::fs::create_dir_all(&base).unwrap();
    base
}

pub const LAST: [&str; 10] = [
    "Каримов",
    "Тошматов",
    "Эргашев",
    "Юсупов",
    "Раҳимов",
    "Қодиров",
    "Ғаниев",
    "Ўринбоев",
    "Шарипов",
    "Ҳасанов",
];
pub const FIRST: [&str; 10] =
    ["Алишер", "Бобур", "Дилшод", "Ғайрат", "Ўткир", "Шоҳрух", "Нилуфар", "Гулнора", "Мадина", "Зарина"];
const MIDDLE: [&str; 5] = ["Бахтиёрович", "Рустамович", "Анварович", "Шавкатовна", "Илҳомовна"];

/// A deterministic generator (splitmix64), so every run builds the same register.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }
}

fn pinfl(day: u64, month: u64, year: u64, serial: u32) -> String {
    let body = format!("3{day:02}{month:02}{:02}{serial:06}", year % 100);
    let body = &body[..13];
    let check: u32 = body
        .chars()
        .filter_map(|c| c.to_digit(10))
        .zip([7, 3, 1].iter().cycle())
        .map(|(d, w)| d * w)
        .sum::<u32>()
        % 10;
    format!("{body}{check}")
}

/// The register file; the rows `changed(i)` picks come with a higher sum insured, and every
/// fourth of them under a new surname (the name index has to follow).
pub fn write_register(path: &Path, changed: impl Fn(u32) -> bool) {
    let mut rng = Rng(7);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(out, "policy_series,policy_number,issued_on,starts_on,ends_on,premium_paid_on,sum_insured,full_name,birth_date,pinfl,passport,phone,address,loan_agreement,loan_amount,branch").unwrap();
    for i in 1..=POLICIES {
        let (year, month, day) = (1950 + rng.below(50), 1 + rng.below(12), 1 + rng.below(28));
        let (last, first, middle) = (rng.pick(&LAST), rng.pick(&FIRST), rng.pick(&MIDDLE));
        let mut sum = (1 + rng.below(50)) * 1_000_000;
        let loan = (1 + rng.below(100)) * 1_000_000;
        let mut name = format!("{last} {first} {middle}");
        if changed(i) {
            sum += 500_000;
            if i % 4 == 0 {
                name = format!("{}a {first} {middle}", last.trim_end_matches('в'));
            }
        }
        writeln!(
            out,
            "MKS,{i:07},2026-01-10,10.01.2026,09.01.2027,2026-01-10,{sum},{name},{day:02}.{month:02}.{year},{},AA{i:07},+99890{i:07},Тошкент ш.,KR-{i},{loan},Тошкент",
            pinfl(day, month, year, i),
        )
        .unwrap();
    }
}
