//! The Docker create body of an app container, a pure function of its [`ContainerSpec`]: every
//! hardening setting of a published app is here, where a unit test can see it without dockerd.

use std::collections::HashMap;

use bollard::models::{
    ContainerCreateBody, HealthConfig, HostConfig, Mount, MountType, PortBinding, RestartPolicy,
    RestartPolicyNameEnum,
};

use crate::engine::ContainerSpec;
use crate::image::{APP_UID, BINARY_IN_IMAGE};

/// The port the app server listens on inside the container.
pub const APP_PORT: u16 = 8080;

const SECOND_NS: i64 = 1_000_000_000;

/// The app server's command line inside the container.
fn app_command(extra: &[String]) -> Vec<String> {
    [
        BINARY_IN_IMAGE,
        "app-server",
        "--site",
        "/app",
        "--data",
        "/data",
        "--port",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(std::iter::once(APP_PORT.to_string()))
    .chain(extra.iter().cloned())
    .collect()
}

/// The body of `POST /containers/create` for `spec`: memory with swap in the same limit, CPUs,
/// pids, a read-only root with a size-limited `/tmp`, no capabilities, no privilege escalation,
/// the unprivileged app user, the isolated network, the port on loopback only, the site
/// read-only, no restart, and a health check.
pub fn create_body(spec: &ContainerSpec) -> ContainerCreateBody {
    let limits = &spec.limits;
    let port = format!("{APP_PORT}/tcp");
    let host_config = HostConfig {
        memory: Some(limits.memory_bytes()),
        // Swap counts into the same limit: no swap beyond memory.
        memory_swap: Some(limits.memory_bytes()),
        nano_cpus: Some(limits.nano_cpus()),
        pids_limit: Some(limits.pids),
        readonly_rootfs: Some(true),
        tmpfs: Some(HashMap::from([("/tmp".to_string(), limits.tmp_options())])),
        cap_drop: Some(vec!["ALL".into()]),
        security_opt: Some(vec!["no-new-privileges".into()]),
        network_mode: Some(spec.network.clone()),
        port_bindings: Some(HashMap::from([(
            port.clone(),
            Some(vec![PortBinding {
                host_ip: Some("127.0.0.1".into()),
                host_port: Some(String::new()),
            }]),
        )])),
        mounts: Some(vec![
            Mount {
                target: Some("/app".into()),
                source: Some(spec.site_dir.display().to_string()),
                typ: Some(MountType::BIND),
                read_only: Some(true),
                ..Default::default()
            },
            Mount {
                target: Some("/data".into()),
                source: Some(spec.data_volume.clone()),
                typ: Some(MountType::VOLUME),
                ..Default::default()
            },
        ]),
        // A crashed or OOM-killed app stays down and is reported as such.
        restart_policy: Some(RestartPolicy {
            name: Some(RestartPolicyNameEnum::NO),
            maximum_retry_count: None,
        }),
        ..Default::default()
    };
    ContainerCreateBody {
        image: Some(spec.image.clone()),
        cmd: Some(app_command(&spec.app_args)),
        user: Some(format!("{APP_UID}:{APP_UID}")),
        working_dir: Some("/data".into()),
        labels: Some(spec.labels.clone()),
        exposed_ports: Some(vec![port]),
        healthcheck: Some(HealthConfig {
            test: Some(vec![
                "CMD".into(),
                BINARY_IN_IMAGE.into(),
                "app-server".into(),
                "--probe".into(),
                format!("http://127.0.0.1:{APP_PORT}/healthz"),
            ]),
            interval: Some(5 * SECOND_NS),
            timeout: Some(3 * SECOND_NS),
            retries: Some(3),
            start_period: Some(2 * SECOND_NS),
            ..Default::default()
        }),
        host_config: Some(host_config),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    fn spec() -> ContainerSpec {
        ContainerSpec {
            name: "appbundle-app-notes".into(),
            image: "appbundle-app:0.1.0-abc".into(),
            labels: HashMap::from([("io.appbundle.app".into(), "notes".into())]),
            limits: Limits::requested(Some(768), Some(1.5)).expect("within bounds"),
            network: "appbundle-apps".into(),
            site_dir: "/srv/appbundle/apps/notes/site".into(),
            data_volume: "appbundle-data-notes".into(),
            app_args: vec!["--data-quota-bytes".into(), "1000".into()],
        }
    }

    #[test]
    fn the_create_body_carries_every_hardening_setting() {
        let body = create_body(&spec());
        let host = body.host_config.clone().expect("host config");
        let mb = 1024 * 1024;
        // Memory, with swap inside the same limit; CPUs; pids.
        assert_eq!(host.memory, Some(768 * mb));
        assert_eq!(host.memory_swap, Some(768 * mb));
        assert_eq!(host.nano_cpus, Some(1_500_000_000));
        assert_eq!(host.pids_limit, Some(64));
        // Read-only root, /tmp a noexec tmpfs of bounded size.
        assert_eq!(host.readonly_rootfs, Some(true));
        let tmpfs = host.tmpfs.as_ref().expect("tmpfs");
        assert_eq!(tmpfs.len(), 1);
        assert_eq!(tmpfs["/tmp"], "rw,noexec,nosuid,nodev,size=100m");
        // No capabilities, no privilege escalation, the unprivileged user.
        assert_eq!(host.cap_drop, Some(vec!["ALL".to_string()]));
        assert_eq!(
            host.security_opt,
            Some(vec!["no-new-privileges".to_string()])
        );
        assert_eq!(body.user.as_deref(), Some("10001:10001"));
        assert!(host.privileged.is_none_or(|p| !p));
        assert!(host.cap_add.is_none());
        // The isolated network, the app port on loopback only.
        assert_eq!(host.network_mode.as_deref(), Some("appbundle-apps"));
        let bindings = host.port_bindings.as_ref().expect("port bindings");
        assert_eq!(bindings.len(), 1);
        let binding = bindings["8080/tcp"].as_ref().expect("a binding");
        assert_eq!(binding.len(), 1);
        assert_eq!(binding[0].host_ip.as_deref(), Some("127.0.0.1"));
        // The site read-only, the data volume writable; nothing else from the host.
        let mounts = host.mounts.as_ref().expect("mounts");
        assert_eq!(mounts.len(), 2);
        assert_eq!(mounts[0].target.as_deref(), Some("/app"));
        assert_eq!(mounts[0].typ, Some(MountType::BIND));
        assert_eq!(mounts[0].read_only, Some(true));
        assert_eq!(mounts[1].target.as_deref(), Some("/data"));
        assert_eq!(mounts[1].typ, Some(MountType::VOLUME));
        assert!(host.binds.is_none());
        // Stays down when it crashes; checked for health.
        assert_eq!(
            host.restart_policy.and_then(|p| p.name),
            Some(RestartPolicyNameEnum::NO)
        );
        let health = body.healthcheck.expect("health check");
        assert_eq!(health.interval, Some(5 * SECOND_NS));
        assert!(health
            .test
            .is_some_and(|t| t.last().is_some_and(|url| url.ends_with("/healthz"))));
        assert_eq!(body.labels, Some(spec().labels));
        // The app server's data limits follow its own flags.
        let cmd = body.cmd.expect("a command");
        assert_eq!(cmd[1], "app-server");
        assert_eq!(cmd[cmd.len() - 2..], ["--data-quota-bytes", "1000"]);
        assert_eq!(body.image.as_deref(), Some("appbundle-app:0.1.0-abc"));
    }
}
