//! Who may start what: an app belongs to the user who published it, and the seed's limits on
//! running apps hold per user and for the whole service.

use std::collections::HashMap;

use super::error::AppError;
use super::records::AppRecord;

/// `user` owns `record`, or the caller is refused.
pub fn check_owner(record: &AppRecord, user: &str) -> Result<(), AppError> {
    if record.user == user {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "app `{}` belongs to another user",
            record.app_id
        )))
    }
}

/// The most apps running at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunningQuota {
    pub per_user: usize,
    pub total: usize,
    /// What a refusal's `Retry-After` says: the idle sweep's interval, in seconds.
    pub retry_after: u64,
}

impl RunningQuota {
    /// Refuses (re)starting `app_id` for `user` past either limit; `app_id` itself does not
    /// count, so replacing a running app is always allowed.
    pub fn check(
        &self,
        apps: &HashMap<String, AppRecord>,
        user: &str,
        app_id: &str,
    ) -> Result<(), AppError> {
        let running = |r: &&AppRecord| r.running.is_some() && r.app_id != app_id;
        let total = apps.values().filter(running).count();
        let mine = apps
            .values()
            .filter(running)
            .filter(|r| r.user == user)
            .count();
        if mine >= self.per_user {
            return Err(AppError::Quota {
                message: format!(
                    "user `{user}` already runs {mine} apps, the most allowed per user ({}): delete one first",
                    self.per_user
                ),
                retry_after: self.retry_after,
            });
        }
        if total >= self.total {
            return Err(AppError::Quota {
                message: format!(
                    "the service already runs {total} apps, the most it allows ({}): try again later",
                    self.total
                ),
                retry_after: self.retry_after,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apps::records::Running;
    use appbundle_containers::Limits;

    fn running(app_id: &str, user: &str) -> (String, AppRecord) {
        let mut record = AppRecord::new(app_id, user, Limits::default(), "site-1");
        record.running = Some(Running {
            container_id: format!("c-{app_id}"),
            host_port: Some(1),
        });
        (app_id.to_string(), record)
    }

    #[test]
    fn per_user_and_total_limits_count_other_running_apps() {
        let quota = RunningQuota {
            per_user: 2,
            total: 3,
            retry_after: 300,
        };
        let mut apps: HashMap<String, AppRecord> =
            [running("a1", "alice"), running("a2", "alice")].into();
        let refused = quota.check(&apps, "alice", "a3").unwrap_err();
        assert!(
            matches!(refused, AppError::Quota { ref message, retry_after: 300 } if message.contains("per user (2)"))
        );
        // Replacing one of the running ones is allowed.
        assert!(quota.check(&apps, "alice", "a2").is_ok());
        assert!(quota.check(&apps, "bob", "b1").is_ok());
        apps.extend([running("b1", "bob")]);
        let refused = quota.check(&apps, "bob", "b2").unwrap_err();
        assert!(
            matches!(refused, AppError::Quota { ref message, .. } if message.contains("it allows (3)"))
        );
        // A stopped app counts for nothing.
        apps.get_mut("a1").unwrap().running = None;
        assert!(quota.check(&apps, "bob", "b2").is_ok());
    }

    #[test]
    fn only_the_publisher_owns_an_app() {
        let (_, record) = running("a1", "alice");
        assert!(check_owner(&record, "alice").is_ok());
        assert!(matches!(
            check_owner(&record, "bob"),
            Err(AppError::Forbidden(_))
        ));
    }
}
