//! An in-memory Kafka broker speaking just enough protocol to test the pool: version
//! negotiation, routing through the address map and the dialer, and retries.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use bytes::{Bytes, BytesMut};
use kafka_protocol::messages::api_versions_response::ApiVersion;
use kafka_protocol::messages::create_topics_response::CreatableTopicResult;
use kafka_protocol::messages::delete_topics_response::DeletableTopicResult;
use kafka_protocol::messages::metadata_response::{
    MetadataResponseBroker, MetadataResponsePartition, MetadataResponseTopic,
};
use kafka_protocol::messages::{
    ApiKey, ApiVersionsResponse, BrokerId, CreateTopicsRequest, CreateTopicsResponse,
    DeleteTopicsRequest, DeleteTopicsResponse, MetadataRequest, MetadataResponse, RequestHeader,
    ResponseHeader, TopicName,
};
use kafka_protocol::protocol::{Decodable, Encodable, StrBytes};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

use super::dialer::{BoxStream, DialFuture, Dialer};
use super::errors::codes;

/// Shared state of the fake cluster: brokers 1 and 2, broker 2 the controller.
#[derive(Debug, Default)]
pub struct FakeCluster {
    pub dialed: Mutex<Vec<String>>,
    /// (broker that served it, api key) for every request after setup.
    pub served: Mutex<Vec<(i32, i16)>>,
    pub topics: Mutex<BTreeSet<String>>,
    /// CreateTopics answers NOT_CONTROLLER this many times first.
    pub not_controller_answers: AtomicUsize,
    /// This many CreateTopics / DeleteTopics requests take effect, then the connection drops
    /// before the answer is sent (the client cannot tell whether they did).
    pub lost_answers: AtomicUsize,
}

impl FakeCluster {
    /// Whether the answer to the request just served is to be lost.
    fn lose_answer(&self) -> bool {
        self.lost_answers
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
    }
}

/// Dial address → broker id: the bootstrap is broker 1, the mapped addresses 10.0.0.N are broker N.
fn identity(addr: &str) -> Option<i32> {
    match addr {
        "bootstrap.test:9092" | "10.0.0.1:9092" => Some(1),
        "10.0.0.2:9092" => Some(2),
        _ => None,
    }
}

#[derive(Debug, Clone)]
pub struct FakeDialer(pub Arc<FakeCluster>);

impl Dialer for FakeDialer {
    fn dial<'a>(&'a self, addr: &'a str) -> DialFuture<'a> {
        Box::pin(async move {
            if let Ok(mut d) = self.0.dialed.lock() {
                d.push(addr.to_string());
            }
            let Some(id) = identity(addr) else {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionRefused,
                    "connection refused",
                ));
            };
            let (client, server) = tokio::io::duplex(64 * 1024);
            tokio::spawn(serve(self.0.clone(), id, server));
            Ok(Box::new(client) as BoxStream)
        })
    }
}

async fn serve(cluster: Arc<FakeCluster>, id: i32, mut s: DuplexStream) -> std::io::Result<()> {
    loop {
        let len = s.read_i32().await?;
        let mut buf = vec![0u8; usize::try_from(len).unwrap_or(0)];
        s.read_exact(&mut buf).await?;
        let mut frame = Bytes::from(buf);
        let key = i16::from_be_bytes([frame[0], frame[1]]);
        let version = i16::from_be_bytes([frame[2], frame[3]]);
        let api = ApiKey::try_from(key).map_err(|_| std::io::Error::other("unknown api"))?;
        let header = RequestHeader::decode(&mut frame, api.request_header_version(version))
            .map_err(std::io::Error::other)?;
        let mut out = BytesMut::new();
        let mut rh = ResponseHeader::default();
        rh.correlation_id = header.correlation_id;
        let enc = std::io::Error::other;
        match api {
            ApiKey::ApiVersions => {
                rh.encode(&mut out, 0).map_err(enc)?;
                let mut resp = ApiVersionsResponse::default();
                let range = |k: ApiKey, min, max| {
                    let mut v = ApiVersion::default();
                    v.api_key = k as i16;
                    v.min_version = min;
                    v.max_version = max;
                    v
                };
                // Like an older broker: ApiVersions only up to v3.
                resp.api_keys = vec![
                    range(ApiKey::ApiVersions, 0, 3),
                    range(ApiKey::Metadata, 0, 12),
                    range(ApiKey::CreateTopics, 2, 7),
                    range(ApiKey::DeleteTopics, 1, 6),
                ];
                let v = if version > 3 {
                    resp.error_code = codes::UNSUPPORTED_VERSION;
                    0
                } else {
                    version
                };
                resp.encode(&mut out, v).map_err(enc)?;
            }
            ApiKey::Metadata => {
                cluster
                    .served
                    .lock()
                    .map_err(|_| std::io::Error::other("poisoned"))?
                    .push((id, key));
                let req = MetadataRequest::decode(&mut frame, version).map_err(enc)?;
                rh.encode(&mut out, api.response_header_version(version))
                    .map_err(enc)?;
                let mut resp = MetadataResponse::default();
                for b in [1, 2] {
                    let mut mb = MetadataResponseBroker::default();
                    mb.node_id = BrokerId(b);
                    mb.host = StrBytes::from_string(format!("broker-{b}.internal"));
                    mb.port = 9092;
                    resp.brokers.push(mb);
                }
                resp.controller_id = BrokerId(2);
                resp.cluster_id = Some(StrBytes::from_static_str("fake"));
                let wanted: Option<Vec<String>> = req.topics.map(|ts| {
                    ts.iter()
                        .filter_map(|t| t.name.as_ref().map(|n| n.0.to_string()))
                        .collect()
                });
                for name in cluster
                    .topics
                    .lock()
                    .map_err(|_| std::io::Error::other("poisoned"))?
                    .iter()
                {
                    if wanted.as_ref().is_some_and(|w| !w.contains(name)) {
                        continue;
                    }
                    let mut p = MetadataResponsePartition::default();
                    p.leader_id = BrokerId(2);
                    p.replica_nodes = vec![BrokerId(2)];
                    p.isr_nodes = vec![BrokerId(2)];
                    let mut t = MetadataResponseTopic::default();
                    t.name = Some(TopicName(StrBytes::from_string(name.clone())));
                    t.partitions = vec![p];
                    resp.topics.push(t);
                }
                resp.encode(&mut out, version).map_err(enc)?;
            }
            ApiKey::CreateTopics => {
                cluster
                    .served
                    .lock()
                    .map_err(|_| std::io::Error::other("poisoned"))?
                    .push((id, key));
                let req = CreateTopicsRequest::decode(&mut frame, version).map_err(enc)?;
                rh.encode(&mut out, api.response_header_version(version))
                    .map_err(enc)?;
                let mut resp = CreateTopicsResponse::default();
                for t in req.topics {
                    let mut r = CreatableTopicResult::default();
                    r.name = t.name.clone();
                    let refuse = cluster
                        .not_controller_answers
                        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                        .is_ok();
                    if refuse || id != 2 {
                        r.error_code = codes::NOT_CONTROLLER;
                    } else if !cluster
                        .topics
                        .lock()
                        .map_err(|_| std::io::Error::other("poisoned"))?
                        .insert(t.name.0.to_string())
                    {
                        r.error_code = codes::TOPIC_ALREADY_EXISTS;
                    }
                    resp.topics.push(r);
                }
                resp.encode(&mut out, version).map_err(enc)?;
                if cluster.lose_answer() {
                    return Ok(());
                }
            }
            ApiKey::DeleteTopics => {
                cluster
                    .served
                    .lock()
                    .map_err(|_| std::io::Error::other("poisoned"))?
                    .push((id, key));
                let req = DeleteTopicsRequest::decode(&mut frame, version).map_err(enc)?;
                rh.encode(&mut out, api.response_header_version(version))
                    .map_err(enc)?;
                let names: Vec<TopicName> = if version >= 6 {
                    req.topics.into_iter().filter_map(|t| t.name).collect()
                } else {
                    req.topic_names
                };
                let mut resp = DeleteTopicsResponse::default();
                for name in names {
                    let mut r = DeletableTopicResult::default();
                    if id != 2 {
                        r.error_code = codes::NOT_CONTROLLER;
                    } else if !cluster
                        .topics
                        .lock()
                        .map_err(|_| std::io::Error::other("poisoned"))?
                        .remove(name.0.as_str())
                    {
                        r.error_code = codes::UNKNOWN_TOPIC_OR_PARTITION;
                    }
                    r.name = Some(name);
                    resp.responses.push(r);
                }
                resp.encode(&mut out, version).map_err(enc)?;
                if cluster.lose_answer() {
                    return Ok(());
                }
            }
            _ => return Err(std::io::Error::other("unexpected request")),
        }
        s.write_i32(i32::try_from(out.len()).map_err(std::io::Error::other)?)
            .await?;
        s.write_all(&out).await?;
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;
    use crate::kafka::{Admin, ConnectOptions, NewTopic};

    fn options(cluster: &Arc<FakeCluster>) -> ConnectOptions {
        let mut o = ConnectOptions::new(vec!["bootstrap.test:9092".to_string()]);
        o.dialer = Arc::new(FakeDialer(cluster.clone()));
        o.address_map
            .insert("broker-1.internal:9092".into(), "10.0.0.1:9092".into());
        o.address_map
            .insert("broker-2.internal:9092".into(), "10.0.0.2:9092".into());
        o.request_timeout = Duration::from_secs(5);
        o
    }

    #[tokio::test]
    async fn one_connection_per_dialled_address_for_the_whole_run() {
        // The bootstrap is the controller's own address: its bootstrap connection is broker 2's.
        let cluster = Arc::new(FakeCluster::default());
        let mut o = options(&cluster);
        o.bootstrap = vec!["10.0.0.2:9092".into()];
        let first = Admin::connect(o).await.expect("connect");
        let t = |name: &str| NewTopic {
            name: name.into(),
            partitions: 1,
            replication_factor: 1,
            configs: BTreeMap::new(),
        };
        first.create_topic(&t("a"), false).await.expect("create a");
        // A second client built from the same options (auto mode's probe, then the chosen path)
        // reuses the open connection.
        let second = Admin::connect(first.connect_options().clone())
            .await
            .expect("connect again");
        second.create_topic(&t("b"), false).await.expect("create b");
        assert_eq!(
            cluster.dialed.lock().unwrap().clone(),
            ["10.0.0.2:9092"],
            "one dial for bootstrap, controller and the second client"
        );
        assert_eq!(first.connect_options().shared.live(), 1);
        // Options of their own share nothing.
        let mut o = options(&cluster);
        o.bootstrap = vec!["10.0.0.2:9092".into()];
        let _third = Admin::connect(o).await.expect("connect anew");
        assert_eq!(cluster.dialed.lock().unwrap().len(), 2);
    }

    #[tokio::test]
    async fn create_goes_to_the_controller_through_the_address_map_and_retries_not_controller() {
        let cluster = Arc::new(FakeCluster::default());
        cluster.not_controller_answers.store(2, Ordering::SeqCst);
        let admin = Admin::connect(options(&cluster))
            .await
            .expect("connect (ApiVersions downgrade to v3)");
        let md = admin.metadata().await.unwrap();
        assert_eq!(md.controller_id, Some(2));
        assert_eq!(
            md.brokers.iter().map(|b| b.id).collect::<Vec<_>>(),
            vec![1, 2]
        );

        let t = NewTopic {
            name: "orders".into(),
            partitions: 1,
            replication_factor: 1,
            configs: BTreeMap::new(),
        };
        admin
            .create_topic(&t, false)
            .await
            .expect("create after NOT_CONTROLLER retries");
        let served = cluster.served.lock().unwrap().clone();
        let creates: Vec<i32> = served
            .iter()
            .filter(|(_, k)| *k == ApiKey::CreateTopics as i16)
            .map(|(b, _)| *b)
            .collect();
        assert_eq!(
            creates,
            vec![2, 2, 2],
            "two refusals then success, all at the controller"
        );
        let dialed = cluster.dialed.lock().unwrap().clone();
        assert!(dialed.contains(&"10.0.0.2:9092".to_string()), "{dialed:?}");
        assert!(
            !dialed.iter().any(|d| d.contains("internal")),
            "advertised names must be mapped: {dialed:?}"
        );
        assert!(
            admin
                .metadata()
                .await
                .unwrap()
                .topics
                .iter()
                .any(|t| t.name == "orders")
        );

        let e = admin
            .create_topic(&t, false)
            .await
            .expect_err("second create");
        assert_eq!(e.kafka_code(), Some(codes::TOPIC_ALREADY_EXISTS));
    }

    #[tokio::test]
    async fn persistent_not_controller_gives_up_with_the_code() {
        let cluster = Arc::new(FakeCluster::default());
        cluster
            .not_controller_answers
            .store(usize::MAX, Ordering::SeqCst);
        let mut o = options(&cluster);
        o.request_timeout = Duration::from_secs(1);
        let admin = Admin::connect(o).await.unwrap();
        let t = NewTopic {
            name: "x".into(),
            partitions: 1,
            replication_factor: 1,
            configs: BTreeMap::new(),
        };
        let e = admin
            .create_topic(&t, false)
            .await
            .expect_err("never accepted");
        assert_eq!(e.kafka_code(), Some(codes::NOT_CONTROLLER), "{e}");
    }

    /// CreateTopics and DeleteTopics must not run twice: when the answer is lost after the
    /// controller acted, the client looks at the cluster instead of sending again (which would
    /// report TOPIC_ALREADY_EXISTS / UNKNOWN_TOPIC_OR_PARTITION for its own success).
    #[tokio::test]
    async fn lost_answers_to_create_and_delete_are_checked_not_repeated() {
        let cluster = Arc::new(FakeCluster::default());
        let admin = Admin::connect(options(&cluster)).await.unwrap();
        let t = NewTopic {
            name: "payments".into(),
            partitions: 1,
            replication_factor: 1,
            configs: BTreeMap::new(),
        };
        cluster.lost_answers.store(1, Ordering::SeqCst);
        admin
            .create_topic(&t, false)
            .await
            .expect("the topic was created; the lost answer must not turn into an error");
        assert!(cluster.topics.lock().unwrap().contains("payments"));
        let count = |k: ApiKey| {
            cluster
                .served
                .lock()
                .unwrap()
                .iter()
                .filter(|(_, key)| *key == k as i16)
                .count()
        };
        assert_eq!(
            count(ApiKey::CreateTopics),
            1,
            "created once, not sent again"
        );

        cluster.lost_answers.store(1, Ordering::SeqCst);
        admin
            .delete_topics(&["payments".to_string()])
            .await
            .expect("the topic was deleted; the lost answer must not turn into an error");
        assert!(cluster.topics.lock().unwrap().is_empty());
        assert_eq!(
            count(ApiKey::DeleteTopics),
            1,
            "deleted once, not sent again"
        );

        // A request that never reached the broker is simply sent again.
        let e = admin
            .delete_topics(&["payments".to_string()])
            .await
            .expect_err("deleting a missing topic still fails");
        assert_eq!(
            e.kafka_code(),
            Some(codes::UNKNOWN_TOPIC_OR_PARTITION),
            "{e}"
        );
    }

    #[tokio::test]
    async fn unknown_broker_address_is_reported() {
        let cluster = Arc::new(FakeCluster::default());
        let mut o = options(&cluster);
        o.bootstrap = vec!["nowhere.test:9092".into()];
        let e = Admin::connect(o).await.expect_err("refused");
        assert!(
            e.to_string().contains("nowhere.test:9092")
                && e.to_string().contains("connection refused"),
            "{e}"
        );
    }
}
