//! Resource limits of an app container: the seed's defaults and maxima.

use serde::{Deserialize, Serialize};

const MIB: u64 = 1024 * 1024;

/// 512 MB default, 1 GB at most (seed 002, "Resource Limits").
pub const DEFAULT_MEMORY_MB: u64 = 512;
/// The most memory an app may ask for, in MB.
pub const MAX_MEMORY_MB: u64 = 1024;
/// 1 CPU default, 2 at most.
pub const DEFAULT_CPUS: f64 = 1.0;
/// The most CPUs an app may ask for.
pub const MAX_CPUS: f64 = 2.0;
/// The app server needs a few threads; a fork loop must hit this wall, not the host's.
pub const DEFAULT_PIDS: i64 = 64;
/// Writable `/tmp` only, 100 MB.
pub const TMP_MB: u64 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
/// An app container's resource limits.
pub struct Limits {
    /// Memory, swap included, in MB.
    pub memory_mb: u64,
    /// CPUs (fractions allowed).
    pub cpus: f64,
    /// Most processes and threads.
    pub pids: i64,
    /// Size of the `/tmp` tmpfs, in MB.
    pub tmp_mb: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            memory_mb: DEFAULT_MEMORY_MB,
            cpus: DEFAULT_CPUS,
            pids: DEFAULT_PIDS,
            tmp_mb: TMP_MB,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
/// A requested limit out of bounds.
pub enum LimitError {
    #[error("memory must be between 16 and {MAX_MEMORY_MB} MB, not {0} MB")]
    /// Memory outside 16 MB to the maximum.
    Memory(u64),
    #[error("cpus must be more than 0 and at most {MAX_CPUS}, not {0}")]
    /// CPUs outside (0, maximum].
    Cpus(f64),
}

impl Limits {
    /// The defaults with what a publisher asked for, refused past the maxima.
    pub fn requested(memory_mb: Option<u64>, cpus: Option<f64>) -> Result<Limits, LimitError> {
        let mut limits = Limits::default();
        if let Some(memory) = memory_mb {
            if !(16..=MAX_MEMORY_MB).contains(&memory) {
                return Err(LimitError::Memory(memory));
            }
            limits.memory_mb = memory;
        }
        if let Some(cpus) = cpus {
            if !(cpus > 0.0 && cpus <= MAX_CPUS) {
                return Err(LimitError::Cpus(cpus));
            }
            limits.cpus = cpus;
        }
        Ok(limits)
    }

    /// Memory in bytes, as the Engine API takes it.
    pub fn memory_bytes(&self) -> i64 {
        (self.memory_mb * MIB) as i64
    }

    /// CPU quota in the Engine API's unit (10⁻⁹ CPUs).
    pub fn nano_cpus(&self) -> i64 {
        (self.cpus * 1e9).round() as i64
    }

    /// Mount options of the `/tmp` tmpfs.
    pub fn tmp_options(&self) -> String {
        format!("rw,noexec,nosuid,nodev,size={}m", self.tmp_mb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bounds_follow_the_seed() {
        let limits = Limits::requested(None, None).unwrap();
        assert_eq!(limits.memory_bytes(), 512 * 1024 * 1024);
        assert_eq!(limits.nano_cpus(), 1_000_000_000);
        assert_eq!(
            Limits::requested(Some(1024), Some(2.0))
                .unwrap()
                .nano_cpus(),
            2_000_000_000
        );
        assert_eq!(
            Limits::requested(Some(2048), None),
            Err(LimitError::Memory(2048))
        );
        assert_eq!(
            Limits::requested(None, Some(4.0)),
            Err(LimitError::Cpus(4.0))
        );
        assert_eq!(
            Limits::requested(None, Some(0.0)),
            Err(LimitError::Cpus(0.0))
        );
    }
}
