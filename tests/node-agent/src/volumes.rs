//! Pod volumes on the host: claims keep their data under `<state>/data/<namespace>/<claim>`
//! (so a broker keeps its log across pod restarts), emptyDirs live as long as the pod, and
//! configMap, secret, downwardAPI and projected volumes are written out as files. Then each
//! container's volumeMounts become mount requests for the shim.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Component, Path, PathBuf};

use k8s_openapi::api::core::v1::{Container, DownwardAPIVolumeFile, KeyToPath, Pod, Volume};

use crate::config::{self, PodFields};
use crate::mounts::Want;

/// ConfigMap or Secret contents: key → bytes. A name missing from the map does not exist.
pub type Objects = BTreeMap<String, BTreeMap<String, Vec<u8>>>;

/// Files of a projected volume: relative path → (content, mode).
type Files = BTreeMap<PathBuf, (Vec<u8>, u32)>;

pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Where a pod's claims and emptyDirs live.
pub fn claim_dir(state_dir: &Path, namespace: &str, claim: &str) -> PathBuf {
    state_dir
        .join("data")
        .join(sanitize(namespace))
        .join(sanitize(claim))
}

pub fn ephemeral_dir(state_dir: &Path, uid: &str) -> PathBuf {
    state_dir.join("data").join("ephemeral").join(sanitize(uid))
}

pub struct Ctx<'a> {
    pub state_dir: &'a Path,
    /// `<state>/agent/sandboxes/<uid>`: files of projected volumes live below it.
    pub pod_dir: &'a Path,
    pub fields: &'a PodFields,
    pub config_maps: &'a Objects,
    pub secrets: &'a Objects,
}

/// A volume ready to mount: its host path and whether the kubelet mounts it read-only.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub path: PathBuf,
    pub readonly: bool,
}

fn mkdir(p: &Path) -> Result<(), String> {
    fs::create_dir_all(p).map_err(|e| format!("cannot create {}: {e}", p.display()))
}

fn safe_relative(p: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(p);
    if p.is_empty()
        || path.is_absolute()
        || path.components().any(|c| matches!(c, Component::ParentDir))
    {
        return Err(format!(
            "volume item path {p:?} must be relative, without .."
        ));
    }
    Ok(path)
}

/// Writes `files` (relative path → bytes, mode) into `dir`, removing files no longer wanted.
/// Files are rewritten in place, so containers that already mount the directory see them.
fn write_files(dir: &Path, files: &Files) -> Result<(), String> {
    mkdir(dir)?;
    let mut existing = Vec::new();
    collect_files(dir, dir, &mut existing);
    for rel in existing {
        if !files.contains_key(&rel) {
            let _ = fs::remove_file(dir.join(&rel));
        }
    }
    for (rel, (bytes, mode)) in files {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            mkdir(parent)?;
        }
        let unchanged = fs::read(&p).is_ok_and(|old| &old == bytes);
        if !unchanged {
            fs::write(&p, bytes).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
        }
        fs::set_permissions(&p, fs::Permissions::from_mode(*mode & 0o777))
            .map_err(|e| format!("cannot chmod {}: {e}", p.display()))?;
    }
    Ok(())
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_files(root, &p, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_path_buf());
        }
    }
}

/// The files of a configMap/secret source: every key, or the listed items.
fn object_files(
    kind: &str,
    name: &str,
    objects: &Objects,
    items: Option<&[KeyToPath]>,
    optional: bool,
    mode: u32,
    out: &mut Files,
) -> Result<(), String> {
    let Some(data) = objects.get(name) else {
        return if optional {
            Ok(())
        } else {
            Err(format!("{kind} \"{name}\" not found"))
        };
    };
    match items.filter(|i| !i.is_empty()) {
        None => {
            for (k, v) in data {
                out.insert(safe_relative(k)?, (v.clone(), mode));
            }
        }
        Some(items) => {
            for it in items {
                match data.get(&it.key) {
                    Some(v) => {
                        let m = it.mode.and_then(|m| u32::try_from(m).ok()).unwrap_or(mode);
                        out.insert(safe_relative(&it.path)?, (v.clone(), m));
                    }
                    None if optional => {}
                    None => {
                        return Err(format!(
                            "configmap/secret {name} has no key {:?} (volume item)",
                            it.key
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

fn downward_files(
    items: &[DownwardAPIVolumeFile],
    c: &Ctx<'_>,
    mode: u32,
    out: &mut Files,
) -> Result<(), String> {
    for it in items {
        let value = if let Some(f) = &it.field_ref {
            c.fields.field(&f.field_path).ok_or_else(|| {
                format!(
                    "unsupported fieldPath {:?} in a downwardAPI volume",
                    f.field_path
                )
            })?
        } else if it.resource_field_ref.is_some() {
            return Err(
                "resourceFieldRef in downwardAPI volumes is not supported by the testbed".into(),
            );
        } else {
            continue;
        };
        let m = it.mode.and_then(|m| u32::try_from(m).ok()).unwrap_or(mode);
        out.insert(safe_relative(&it.path)?, (value.into_bytes(), m));
    }
    Ok(())
}

fn mode_of(m: Option<i32>) -> u32 {
    m.and_then(|m| u32::try_from(m).ok()).unwrap_or(0o644)
}

/// Makes one pod volume exist on the host.
pub fn prepare(v: &Volume, c: &Ctx<'_>) -> Result<Prepared, String> {
    let files_dir = c.pod_dir.join("volumes").join(sanitize(&v.name));
    let files = |build: &dyn Fn(&mut Files) -> Result<(), String>| {
        let mut out = BTreeMap::new();
        build(&mut out)?;
        write_files(&files_dir, &out)?;
        Ok(Prepared {
            path: files_dir.clone(),
            readonly: true,
        })
    };
    if let Some(pvc) = &v.persistent_volume_claim {
        let p = claim_dir(c.state_dir, &c.fields.namespace, &pvc.claim_name);
        mkdir(&p)?;
        return Ok(Prepared {
            path: p,
            readonly: pvc.read_only == Some(true),
        });
    }
    if v.empty_dir.is_some() {
        let p = ephemeral_dir(c.state_dir, &c.fields.uid).join(sanitize(&v.name));
        mkdir(&p)?;
        return Ok(Prepared {
            path: p,
            readonly: false,
        });
    }
    if let Some(h) = &v.host_path {
        let p = PathBuf::from(&h.path);
        match h.type_.as_deref().unwrap_or("") {
            "DirectoryOrCreate" => mkdir(&p)?,
            "FileOrCreate" if !p.exists() => {
                if let Some(parent) = p.parent() {
                    mkdir(parent)?;
                }
                fs::write(&p, b"").map_err(|e| format!("cannot create {}: {e}", p.display()))?;
            }
            "Directory" if !p.is_dir() => {
                return Err(format!("hostPath {} is not a directory", p.display()));
            }
            "File" if !p.is_file() => {
                return Err(format!("hostPath {} is not a file", p.display()));
            }
            _ => {}
        }
        return Ok(Prepared {
            path: p,
            readonly: false,
        });
    }
    if let Some(cm) = &v.config_map {
        return files(&|out| {
            object_files(
                "configmap",
                &cm.name,
                c.config_maps,
                cm.items.as_deref(),
                cm.optional == Some(true),
                mode_of(cm.default_mode),
                out,
            )
        });
    }
    if let Some(s) = &v.secret {
        let name = s.secret_name.clone().unwrap_or_default();
        return files(&|out| {
            object_files(
                "secret",
                &name,
                c.secrets,
                s.items.as_deref(),
                s.optional == Some(true),
                mode_of(s.default_mode),
                out,
            )
        });
    }
    if let Some(d) = &v.downward_api {
        return files(&|out| {
            downward_files(
                d.items.as_deref().unwrap_or(&[]),
                c,
                mode_of(d.default_mode),
                out,
            )
        });
    }
    if let Some(p) = &v.projected {
        return files(&|out| {
            let mode = mode_of(p.default_mode);
            for src in p.sources.as_deref().unwrap_or(&[]) {
                if let Some(cm) = &src.config_map {
                    object_files(
                        "configmap",
                        &cm.name,
                        c.config_maps,
                        cm.items.as_deref(),
                        cm.optional == Some(true),
                        mode,
                        out,
                    )?;
                } else if let Some(s) = &src.secret {
                    object_files(
                        "secret",
                        &s.name,
                        c.secrets,
                        s.items.as_deref(),
                        s.optional == Some(true),
                        mode,
                        out,
                    )?;
                } else if let Some(d) = &src.downward_api {
                    downward_files(d.items.as_deref().unwrap_or(&[]), c, mode, out)?;
                } else {
                    return Err("projected volume source not supported by the testbed (only configMap, secret, downwardAPI)".into());
                }
            }
            Ok(())
        });
    }
    Err(format!(
        "volume {:?} has a type the testbed does not support (supported: persistentVolumeClaim, emptyDir, hostPath, configMap, secret, downwardAPI, projected)",
        v.name
    ))
}

/// ConfigMaps and Secrets a pod refers to (volumes and every container's env), to fetch
/// before it starts.
pub fn referenced_objects(pod: &Pod) -> (Vec<String>, Vec<String>) {
    let mut cms = Vec::new();
    let mut secrets = Vec::new();
    let Some(spec) = pod.spec.as_ref() else {
        return (cms, secrets);
    };
    for v in spec.volumes.as_deref().unwrap_or(&[]) {
        if let Some(cm) = &v.config_map {
            cms.push(cm.name.clone());
        }
        if let Some(s) = v.secret.as_ref().and_then(|s| s.secret_name.clone()) {
            secrets.push(s);
        }
        for src in v
            .projected
            .as_ref()
            .and_then(|p| p.sources.as_deref())
            .unwrap_or(&[])
        {
            if let Some(cm) = &src.config_map {
                cms.push(cm.name.clone());
            }
            if let Some(s) = &src.secret {
                secrets.push(s.name.clone());
            }
        }
    }
    let containers = spec
        .init_containers
        .iter()
        .flatten()
        .chain(spec.containers.iter());
    for c in containers {
        for f in c.env_from.as_deref().unwrap_or(&[]) {
            if let Some(r) = &f.config_map_ref {
                cms.push(r.name.clone());
            }
            if let Some(r) = &f.secret_ref {
                secrets.push(r.name.clone());
            }
        }
        for e in c.env.as_deref().unwrap_or(&[]) {
            if let Some(vf) = &e.value_from {
                if let Some(r) = &vf.config_map_key_ref {
                    cms.push(r.name.clone());
                }
                if let Some(r) = &vf.secret_key_ref {
                    secrets.push(r.name.clone());
                }
            }
        }
    }
    cms.sort();
    cms.dedup();
    secrets.sort();
    secrets.dedup();
    (cms, secrets)
}

/// The mount requests of a container's volumeMounts (subPath and subPathExpr included).
pub fn container_mounts(
    c: &Container,
    volumes: &BTreeMap<String, Prepared>,
    env: &[(String, String)],
) -> Result<Vec<(PathBuf, Want)>, String> {
    let mut out = Vec::new();
    for vm in c.volume_mounts.as_deref().unwrap_or(&[]) {
        let vol = volumes
            .get(&vm.name)
            .ok_or_else(|| format!("volumeMount {:?} names no volume of the pod", vm.name))?;
        let sub = match (&vm.sub_path, &vm.sub_path_expr) {
            (Some(s), _) if !s.is_empty() => Some(s.clone()),
            (_, Some(e)) if !e.is_empty() => Some(config::expand(e, env)),
            _ => None,
        };
        let source = match sub {
            Some(s) => {
                let p = vol.path.join(safe_relative(&s)?);
                if !p.exists() {
                    mkdir(&p)?;
                }
                p
            }
            None => vol.path.clone(),
        };
        out.push((
            PathBuf::from(&vm.mount_path),
            Want::Bind {
                is_dir: source.is_dir(),
                source,
                readonly: vol.readonly || vm.read_only == Some(true),
            },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{
        ConfigMapVolumeSource, DownwardAPIVolumeSource, EmptyDirVolumeSource, ObjectFieldSelector,
        PersistentVolumeClaimVolumeSource, SecretVolumeSource, VolumeMount,
    };

    fn tmp() -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "node-agent-volumes-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn volumes_materialize_and_mount() {
        let root = tmp();
        let fields = PodFields {
            name: "kafka-0".into(),
            namespace: "ns".into(),
            uid: "u1".into(),
            labels: [(
                "topology.kubernetes.io/zone".to_string(),
                "zone-a".to_string(),
            )]
            .into(),
            ..Default::default()
        };
        let cms: Objects = [(
            "conf".to_string(),
            [
                ("server.properties".to_string(), b"a=1\n".to_vec()),
                ("log4j.properties".to_string(), b"x\n".to_vec()),
            ]
            .into(),
        )]
        .into();
        let secrets: Objects = BTreeMap::new();
        let pod_dir = root.join("sandbox");
        let ctx = Ctx {
            state_dir: &root,
            pod_dir: &pod_dir,
            fields: &fields,
            config_maps: &cms,
            secrets: &secrets,
        };
        let pvc = Volume {
            name: "data".into(),
            persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource {
                claim_name: "data-kafka-0".into(),
                read_only: None,
            }),
            ..Default::default()
        };
        let p = prepare(&pvc, &ctx).unwrap();
        assert_eq!(p.path, root.join("data/ns/data-kafka-0"));
        assert!(p.path.is_dir() && !p.readonly);
        let cm = Volume {
            name: "config".into(),
            config_map: Some(ConfigMapVolumeSource {
                name: "conf".into(),
                items: Some(vec![KeyToPath {
                    key: "server.properties".into(),
                    path: "kafka/server.properties".into(),
                    mode: Some(0o600),
                }]),
                ..Default::default()
            }),
            ..Default::default()
        };
        let p = prepare(&cm, &ctx).unwrap();
        assert!(p.readonly);
        let f = p.path.join("kafka/server.properties");
        assert_eq!(fs::read_to_string(&f).unwrap(), "a=1\n");
        assert_eq!(
            fs::metadata(&f).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert!(!p.path.join("log4j.properties").exists());
        let down = Volume {
            name: "podinfo".into(),
            downward_api: Some(DownwardAPIVolumeSource {
                items: Some(vec![DownwardAPIVolumeFile {
                    path: "zone".into(),
                    field_ref: Some(ObjectFieldSelector {
                        field_path: "metadata.labels['topology.kubernetes.io/zone']".into(),
                        ..Default::default()
                    }),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
            ..Default::default()
        };
        let d = prepare(&down, &ctx).unwrap();
        assert_eq!(fs::read_to_string(d.path.join("zone")).unwrap(), "zone-a");
        let missing = Volume {
            name: "s".into(),
            secret: Some(SecretVolumeSource {
                secret_name: Some("absent".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            prepare(&missing, &ctx).unwrap_err(),
            "secret \"absent\" not found"
        );
        let scratch = Volume {
            name: "scratch".into(),
            empty_dir: Some(EmptyDirVolumeSource::default()),
            ..Default::default()
        };
        let s = prepare(&scratch, &ctx).unwrap();
        assert_eq!(s.path, root.join("data/ephemeral/u1/scratch"));

        let mut vols = BTreeMap::new();
        vols.insert("data".to_string(), prepare(&pvc, &ctx).unwrap());
        vols.insert("config".to_string(), prepare(&cm, &ctx).unwrap());
        let c = Container {
            volume_mounts: Some(vec![
                VolumeMount {
                    name: "data".into(),
                    mount_path: "/var/lib/kafka/data".into(),
                    ..Default::default()
                },
                VolumeMount {
                    name: "config".into(),
                    mount_path: "/etc/kafka/server.properties".into(),
                    sub_path: Some("kafka/server.properties".into()),
                    ..Default::default()
                },
                VolumeMount {
                    name: "data".into(),
                    mount_path: "/logs".into(),
                    sub_path_expr: Some("$(POD_NAME)/logs".into()),
                    ..Default::default()
                },
            ]),
            ..Default::default()
        };
        let env = vec![("POD_NAME".to_string(), "kafka-0".to_string())];
        let m = container_mounts(&c, &vols, &env).unwrap();
        assert_eq!(m.len(), 3);
        assert!(matches!(
            &m[0].1,
            Want::Bind {
                readonly: false,
                is_dir: true,
                ..
            }
        ));
        assert!(matches!(
            &m[1].1,
            Want::Bind {
                readonly: true,
                is_dir: false,
                ..
            }
        ));
        assert!(
            matches!(&m[2].1, Want::Bind { source, .. } if source.ends_with("data-kafka-0/kafka-0/logs"))
        );
        let bad = Container {
            volume_mounts: Some(vec![VolumeMount {
                name: "nope".into(),
                mount_path: "/x".into(),
                ..Default::default()
            }]),
            ..Default::default()
        };
        assert!(container_mounts(&bad, &vols, &env).is_err());
        fs::remove_dir_all(&root).unwrap();
    }
}
