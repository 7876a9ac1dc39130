//! Host pressure (the seed's "alert if aggregate usage > 80 % of host capacity" and "throttling
//! if host under pressure"): the sum of the running containers' CPU and memory, sampled from the
//! engine, against what the host has. Above the threshold the service logs a warning, `/metrics`
//! shows it, and new container starts (publish, an idle app's restart) are refused with 503 and
//! `Retry-After` until a sample shows usage fell.

use std::time::Duration;

use serde::Serialize;

use super::error::AppError;

/// What the host can give the apps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HostCapacity {
    /// CPUs.
    pub cpus: f64,
    /// Memory, in bytes.
    pub memory_bytes: u64,
}

impl HostCapacity {
    /// This machine: its CPUs and `MemTotal` (4 GiB if `/proc/meminfo` says nothing).
    pub fn detect() -> HostCapacity {
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
        let memory_bytes = std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|text| mem_total(&text))
            .unwrap_or(4 << 30);
        HostCapacity { cpus, memory_bytes }
    }
}

/// `MemTotal:  16384 kB` → bytes.
fn mem_total(meminfo: &str) -> Option<u64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The last sample.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Pressure {
    /// CPUs in use by the apps' containers over the host's CPUs (CPU is measured between two
    /// samples, so the first sample of a container counts none).
    pub cpu_ratio: f64,
    /// The containers' memory over the host's.
    pub memory_ratio: f64,
    /// Running containers sampled.
    pub containers: usize,
    /// The threshold was passed in this sample.
    pub over: bool,
}

impl Pressure {
    /// The sample of `usages` (CPU percent of one CPU, memory bytes) on `capacity`.
    pub fn of(usages: &[(Option<f64>, u64)], capacity: HostCapacity, threshold: f64) -> Pressure {
        let cpus: f64 = usages.iter().filter_map(|(cpu, _)| *cpu).sum::<f64>() / 100.0;
        let memory: u64 = usages.iter().map(|(_, memory)| memory).sum();
        let cpu_ratio = cpus / capacity.cpus.max(0.01);
        let memory_ratio = memory as f64 / capacity.memory_bytes.max(1) as f64;
        Pressure {
            cpu_ratio,
            memory_ratio,
            containers: usages.len(),
            over: cpu_ratio > threshold || memory_ratio > threshold,
        }
    }

    /// Refuses a new container start while the host is under pressure.
    pub fn check_start(&self, threshold: f64, retry_after: Duration) -> Result<(), AppError> {
        if !self.over {
            return Ok(());
        }
        Err(AppError::Busy {
            message: format!(
                "the host is under pressure (apps use {:.0} % of its CPU and {:.0} % of its memory, \
                 over {:.0} %): no new app starts until that falls",
                self.cpu_ratio * 100.0,
                self.memory_ratio * 100.0,
                threshold * 100.0
            ),
            retry_after: retry_after.as_secs().max(1),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOST: HostCapacity = HostCapacity {
        cpus: 2.0,
        memory_bytes: 1000,
    };

    #[test]
    fn pressure_is_the_sum_of_the_containers_against_the_host() {
        let calm = Pressure::of(&[(Some(50.0), 300), (None, 200)], HOST, 0.8);
        assert_eq!(calm.containers, 2);
        assert!((calm.cpu_ratio - 0.25).abs() < 1e-9);
        assert!((calm.memory_ratio - 0.5).abs() < 1e-9);
        assert!(!calm.over);
        assert!(calm.check_start(0.8, Duration::from_secs(10)).is_ok());
        let memory = Pressure::of(&[(None, 500), (None, 350)], HOST, 0.8);
        assert!(memory.over);
        let cpu = Pressure::of(&[(Some(120.0), 1), (Some(50.0), 1)], HOST, 0.8);
        assert!(cpu.over, "{cpu:?}");
        match cpu.check_start(0.8, Duration::from_secs(10)) {
            Err(AppError::Busy {
                message,
                retry_after,
            }) => {
                assert_eq!(retry_after, 10);
                assert!(message.contains("85 % of its CPU"), "{message}");
            }
            other => panic!("expected Busy, got {other:?}"),
        }
        assert!(!Pressure::default().over);
    }

    #[test]
    fn mem_total_is_read_in_bytes() {
        let meminfo = "MemTotal:       24576000 kB\nMemFree:  100 kB\n";
        assert_eq!(mem_total(meminfo), Some(24_576_000 * 1024));
        assert_eq!(mem_total("nothing"), None);
        assert!(HostCapacity::detect().memory_bytes > 0);
    }
}
