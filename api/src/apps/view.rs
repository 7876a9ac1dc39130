//! What `GET /apps/{appId}` answers, and the app's state read from its record and its
//! container's status: running, stopped-idle, stopped, oom-killed, crashed, or the engine's word.

use appbundle_containers::{ContainerStatus, Limits, Usage};
use serde::Serialize;

use super::records::{unix, AppRecord};

/// One app as its owner sees it.
#[derive(Debug, Serialize)]
pub struct AppView {
    /// The app's id (its URL path and container name).
    pub app_id: String,
    /// The user who published it.
    pub user: String,
    /// `running`, `stopped-idle`, `stopped`, `oom-killed`, `crashed`, `exited`, … (the engine's
    /// health check is in `health`).
    pub state: String,
    /// Where visitors reach it (`/apps/<id>/`).
    pub url: String,
    /// When it was last published, in Unix seconds.
    pub published_at: u64,
    /// When its container started (the engine's RFC 3339 time).
    pub started_at: Option<String>,
    /// The last proxied request, in Unix seconds.
    pub last_active: Option<u64>,
    /// The engine's health check status (`starting`, `healthy`, `unhealthy`).
    pub health: Option<String>,
    /// The exit code of a container that stopped.
    pub exit_code: Option<i64>,
    /// Processes the kernel killed for memory since this service started watching.
    pub oom_kills: u32,
    /// Its resource limits.
    pub limits: Limits,
    /// CPU, memory and pids of a running container.
    pub usage: Option<Usage>,
    /// The hosts it may reach through `SandboxAPI.fetch`.
    pub egress: Vec<String>,
}

/// A container that stopped without crashing: it exited 0 (its server's answer to SIGTERM, as
/// when the engine shuts down), was stopped by a signal from outside (SIGTERM, or SIGKILL not
/// from the OOM killer: `docker rm -f` cut short, the engine's stop timeout), or never started.
/// Such an app may be started again; one that failed by itself or was OOM-killed stays down and
/// says so.
pub fn stopped_cleanly(status: &ContainerStatus) -> bool {
    const SIGKILLED: i64 = 128 + 9;
    const SIGTERMED: i64 = 128 + 15;
    !status.running
        && !status.oom_killed
        && matches!(status.exit_code, None | Some(0 | SIGKILLED | SIGTERMED))
}

/// The state word: a stopped record first, then what the container's status says.
pub fn state_of(record: &AppRecord, status: Option<&ContainerStatus>) -> String {
    match (status, record.running.is_some(), record.stopped_idle) {
        (_, false, true) => "stopped-idle".to_string(),
        (_, false, false) => "stopped".to_string(),
        (Some(s), _, _) if s.oom_killed => "oom-killed".to_string(),
        (Some(s), _, _) if !s.running && !stopped_cleanly(s) => "crashed".to_string(),
        (Some(s), _, _) => s.state.clone(),
        (None, true, _) => "running".to_string(),
    }
}

/// The view of `record`, with its container's status and usage when they were read.
pub fn view_of(
    record: &AppRecord,
    status: Option<&ContainerStatus>,
    usage: Option<Usage>,
) -> AppView {
    AppView {
        app_id: record.app_id.clone(),
        user: record.user.clone(),
        state: state_of(record, status),
        url: format!("/apps/{}/", record.app_id),
        published_at: record.published_at,
        started_at: status.and_then(|s| s.started_at.clone()),
        last_active: record.last_active.map(unix),
        health: status.and_then(|s| s.health.clone()),
        exit_code: status.and_then(|s| s.exit_code),
        oom_kills: record.oom_kills,
        limits: record.limits,
        usage,
        egress: record.egress.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apps::records::Running;

    fn status(running: bool, oom_killed: bool, exit_code: Option<i64>) -> ContainerStatus {
        ContainerStatus {
            state: if running { "running" } else { "exited" }.into(),
            running,
            oom_killed,
            exit_code,
            started_at: None,
            health: None,
        }
    }

    #[test]
    fn states_follow_the_record_then_the_container() {
        let mut record = AppRecord::new("a", "alice", Limits::default(), "site-1");
        assert_eq!(state_of(&record, None), "stopped");
        record.stopped_idle = true;
        assert_eq!(state_of(&record, None), "stopped-idle");
        record.running = Some(Running {
            container_id: "c".into(),
            host_port: Some(1),
        });
        assert_eq!(state_of(&record, None), "running");
        assert_eq!(
            state_of(&record, Some(&status(true, false, None))),
            "running"
        );
        assert_eq!(
            state_of(&record, Some(&status(false, true, Some(137)))),
            "oom-killed"
        );
        assert_eq!(
            state_of(&record, Some(&status(false, false, Some(101)))),
            "crashed"
        );
        assert_eq!(
            state_of(&record, Some(&status(false, false, Some(137)))),
            "exited",
            "killed from outside, not by itself"
        );
        assert_eq!(
            state_of(&record, Some(&status(false, false, Some(0)))),
            "exited"
        );
    }
}
