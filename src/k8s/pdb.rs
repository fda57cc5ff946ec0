//! PodDisruptionBudgets: how many of a set of pods the budgets let go at once, so a parallel
//! roll plans batches the Eviction API will accept.

use std::collections::BTreeMap;

use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use kube::api::ListParams;
use kube::{Api, Client};

use crate::error::Result;

/// Whether `labels` satisfy `selector` (matchLabels and matchExpressions, as the API server reads
/// them). An empty selector matches every pod, as policy/v1 says; an operator this code does not
/// know matches nothing, so an unknown selector never widens a budget's reach to fewer pods.
pub fn selector_matches(selector: &LabelSelector, labels: &BTreeMap<String, String>) -> bool {
    let by_label = selector
        .match_labels
        .iter()
        .flatten()
        .all(|(k, v)| labels.get(k) == Some(v));
    let by_expression = selector.match_expressions.iter().flatten().all(|e| {
        let value = labels.get(&e.key);
        let values = e.values.as_deref().unwrap_or_default();
        match e.operator.as_str() {
            "In" => value.is_some_and(|v| values.contains(v)),
            "NotIn" => value.is_none_or(|v| !values.contains(v)),
            "Exists" => value.is_some(),
            "DoesNotExist" => value.is_none(),
            _ => false,
        }
    });
    by_label && by_expression
}

/// The fewest disruptions any budget covering one of `pods` allows now (None: no budget covers
/// them). A budget that covers the pods but has no status yet allows none.
pub fn allowed_now(
    budgets: &[PodDisruptionBudget],
    pods: &[&BTreeMap<String, String>],
) -> Option<usize> {
    budgets
        .iter()
        .filter(|b| {
            let selector = b.spec.as_ref().and_then(|s| s.selector.as_ref());
            selector.is_some_and(|s| pods.iter().any(|labels| selector_matches(s, labels)))
        })
        .map(|b| {
            b.status
                .as_ref()
                .and_then(|s| s.disruptions_allowed)
                .map_or(0, |a| usize::try_from(a).unwrap_or(0))
        })
        .min()
}

/// The PodDisruptionBudgets of `namespace`.
pub async fn list(client: &Client, namespace: &str) -> Result<Vec<PodDisruptionBudget>> {
    let api: Api<PodDisruptionBudget> = Api::namespaced(client.clone(), namespace);
    api.list(&ListParams::default())
        .await
        .map(|l| l.items)
        .map_err(|e| super::api_error(e, "list", "poddisruptionbudgets", Some(namespace)))
}

#[cfg(test)]
mod tests {
    use k8s_openapi::api::policy::v1::{PodDisruptionBudgetSpec, PodDisruptionBudgetStatus};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelectorRequirement;

    use super::*;

    fn labels(kv: &[(&str, &str)]) -> BTreeMap<String, String> {
        kv.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn expr(key: &str, op: &str, values: &[&str]) -> LabelSelectorRequirement {
        LabelSelectorRequirement {
            key: key.into(),
            operator: op.into(),
            values: Some(values.iter().map(|v| v.to_string()).collect()),
        }
    }

    fn budget(selector: LabelSelector, allowed: Option<i32>) -> PodDisruptionBudget {
        PodDisruptionBudget {
            spec: Some(PodDisruptionBudgetSpec {
                selector: Some(selector),
                ..Default::default()
            }),
            status: allowed.map(|a| PodDisruptionBudgetStatus {
                disruptions_allowed: Some(a),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn selectors_match_as_the_api_server_reads_them() {
        let pod = labels(&[("app", "kafka"), ("zone", "a")]);
        let sel = |ml: &[(&str, &str)], me: Vec<LabelSelectorRequirement>| LabelSelector {
            match_labels: (!ml.is_empty()).then(|| labels(ml)),
            match_expressions: (!me.is_empty()).then_some(me),
        };
        assert!(selector_matches(&sel(&[], vec![]), &pod));
        assert!(selector_matches(&sel(&[("app", "kafka")], vec![]), &pod));
        assert!(!selector_matches(&sel(&[("app", "zk")], vec![]), &pod));
        assert!(selector_matches(
            &sel(&[], vec![expr("zone", "In", &["a", "b"])]),
            &pod
        ));
        assert!(!selector_matches(
            &sel(&[], vec![expr("zone", "In", &["c"])]),
            &pod
        ));
        assert!(selector_matches(
            &sel(&[], vec![expr("zone", "NotIn", &["c"])]),
            &pod
        ));
        assert!(selector_matches(
            &sel(&[], vec![expr("rack", "NotIn", &["c"])]),
            &pod
        ));
        assert!(selector_matches(
            &sel(&[], vec![expr("app", "Exists", &[])]),
            &pod
        ));
        assert!(!selector_matches(
            &sel(&[], vec![expr("app", "DoesNotExist", &[])]),
            &pod
        ));
        assert!(!selector_matches(
            &sel(&[], vec![expr("app", "Gt", &["1"])]),
            &pod
        ));
        assert!(!selector_matches(
            &sel(&[("app", "kafka")], vec![expr("zone", "In", &["b"])]),
            &pod
        ));
    }

    #[test]
    fn the_tightest_covering_budget_counts_and_a_budget_without_status_allows_none() {
        let kafka = labels(&[("app", "kafka")]);
        let zk = labels(&[("app", "zk")]);
        let on = |app: &str| LabelSelector {
            match_labels: Some(labels(&[("app", app)])),
            match_expressions: None,
        };
        let budgets = vec![budget(on("kafka"), Some(2)), budget(on("zk"), Some(0))];
        assert_eq!(allowed_now(&budgets, &[&kafka]), Some(2));
        assert_eq!(allowed_now(&budgets, &[&kafka, &zk]), Some(0));
        assert_eq!(allowed_now(&budgets[1..], &[&kafka]), None);
        let unobserved = vec![budget(on("kafka"), Some(3)), budget(on("kafka"), None)];
        assert_eq!(allowed_now(&unobserved, &[&kafka]), Some(0));
        let negative = vec![budget(on("kafka"), Some(-1))];
        assert_eq!(allowed_now(&negative, &[&kafka]), Some(0));
    }
}
