//! Benchmark of tk's start-up: `tk --version`, and `tk list` in a new git
//! repository without tickets (a real command: config, repository, the
//! tickets ref), against a hello-world built with the same profile and
//! link flags (`benches/startup/hello.rs`, the `hello` example), run
//! alternately, one process per run.
//!
//! Run with `cargo bench --bench startup` (release build; it builds the
//! example first with `cargo build --release --example hello`).
//! `TK_BENCH_RUNS` sets the number of pairs (default 300). Prints a
//! Markdown table of the median and 90th percentile wall time and CPU time
//! (user + system, from `getrusage`) of each, and the median of the pair
//! ratios: read CPU time on a loaded machine.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let runs: usize = std::env::var("TK_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(300);
    let tk = PathBuf::from(env!("CARGO_BIN_EXE_tk"));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--quiet", "--release", "--example", "hello"])
        .status()
        .expect("can run cargo");
    assert!(status.success(), "cargo build --example hello failed");
    let hello = tk
        .parent()
        .expect("the tk binary is in a directory")
        .join("examples/hello");
    if !tk.to_string_lossy().contains("release") {
        eprintln!("warning: {} is not a release build", tk.display());
    }
    let repo = tempfile::tempdir().expect("can make a temp dir");
    let status = Command::new("git")
        .args(["init", "--quiet"])
        .current_dir(repo.path())
        .status()
        .expect("can run git");
    assert!(status.success(), "git init failed");
    let version = || {
        let mut cmd = Command::new(&tk);
        cmd.arg("--version");
        cmd
    };
    let list = || {
        let mut cmd = Command::new(&tk);
        cmd.arg("list").current_dir(repo.path());
        cmd
    };
    let hello = || Command::new(&hello);
    let (version, ratio_version) = alternate(runs, version, hello);
    let (list, ratio_list) = alternate(runs, list, hello);
    println!("Start-up, {runs} runs each, alternating with the hello-world:\n");
    println!("| binary | wall median | wall p90 | CPU median | CPU p90 |");
    println!("|---|---:|---:|---:|---:|");
    let [mut tk_wall, mut tk_cpu, mut hello_wall, mut hello_cpu] = version;
    row("`tk --version`", &mut tk_wall, &mut tk_cpu);
    row("hello-world, same profile", &mut hello_wall, &mut hello_cpu);
    let [mut tk_wall, mut tk_cpu, mut hello_wall, mut hello_cpu] = list;
    row("`tk list`, no tickets", &mut tk_wall, &mut tk_cpu);
    row("hello-world, same profile", &mut hello_wall, &mut hello_cpu);
    println!("\nCPU time tk/hello-world, median of the pair ratios: {ratio_version:.2} (`tk --version`), {ratio_list:.2} (`tk list`)");
}

/// Runs `tk` and `hello` alternately `runs` times each; returns their wall
/// and CPU times (tk's wall, tk's CPU, hello's wall, hello's CPU) and the
/// median of the pair ratios of CPU time.
fn alternate(
    runs: usize,
    tk: impl Fn() -> Command,
    hello: impl Fn() -> Command,
) -> ([Vec<Duration>; 4], f64) {
    let [mut tk_wall, mut tk_cpu, mut hello_wall, mut hello_cpu] =
        [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    let mut ratios = Vec::new();
    for run in 0..runs {
        let (a, b) = if run % 2 == 0 {
            let a = time(&mut tk());
            (a, time(&mut hello()))
        } else {
            let b = time(&mut hello());
            (time(&mut tk()), b)
        };
        tk_wall.push(a.0);
        tk_cpu.push(a.1);
        hello_wall.push(b.0);
        hello_cpu.push(b.1);
        ratios.push(a.1.as_secs_f64() / b.1.as_secs_f64().max(1e-6));
    }
    ratios.sort_by(f64::total_cmp);
    (
        [tk_wall, tk_cpu, hello_wall, hello_cpu],
        ratios[ratios.len() / 2],
    )
}

/// Runs `cmd` with its output discarded; returns its wall time and the CPU
/// time (user + system) it used.
fn time(cmd: &mut Command) -> (Duration, Duration) {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let before = children_cpu();
    let started = Instant::now();
    let status = cmd.status().expect("can run the binary");
    let wall = started.elapsed();
    assert!(status.success(), "{cmd:?} failed");
    (wall, children_cpu().saturating_sub(before))
}

/// Returns the CPU time used so far by this process's waited-for children.
fn children_cpu() -> Duration {
    // SAFETY: getrusage fills the struct it is given and nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn row(what: &str, wall: &mut [Duration], cpu: &mut [Duration]) {
    wall.sort();
    cpu.sort();
    let at =
        |v: &[Duration], q: f64| v[((v.len() as f64 * q).ceil() as usize).clamp(1, v.len()) - 1];
    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
    println!(
        "| {what} | {} | {} | {} | {} |",
        ms(at(wall, 0.5)),
        ms(at(wall, 0.9)),
        ms(at(cpu, 0.5)),
        ms(at(cpu, 0.9))
    );
}
