package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// k8sObject is the part of a Kubernetes object the documented manifests
// are checked on.
type k8sObject struct {
	Kind     string `yaml:"kind"`
	Metadata struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Data map[string]string `yaml:"data"`
	Spec struct {
		AccessModes    []string `yaml:"accessModes"`
		CompletionMode string   `yaml:"completionMode"`
		Completions    int      `yaml:"completions"`
		Template       struct {
			Spec struct {
				Containers []k8sContainer `yaml:"containers"`
				Volumes    []struct {
					Name      string `yaml:"name"`
					ConfigMap *struct {
						Name string `yaml:"name"`
					} `yaml:"configMap"`
					PersistentVolumeClaim *struct {
						ClaimName string `yaml:"claimName"`
					} `yaml:"persistentVolumeClaim"`
				} `yaml:"volumes"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

type k8sContainer struct {
	Command   []string `yaml:"command"`
	Args      []string `yaml:"args"`
	Resources struct {
		Requests map[string]string `yaml:"requests"`
		Limits   map[string]string `yaml:"limits"`
	} `yaml:"resources"`
	VolumeMounts []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
	} `yaml:"volumeMounts"`
}

// documentedK8s decodes every object of the yaml blocks of the
// Kubernetes section of docs/scale-out.md, by kind and name.
func documentedK8s(t *testing.T) map[string]k8sObject {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(wd, "../../docs/scale-out.md"))
	require.NoError(t, err)
	_, section, _ := strings.Cut(string(doc), "## Kubernetes")
	section, _, _ = strings.Cut(section, "\n## ")
	objs := map[string]k8sObject{}
	for _, block := range strings.Split(section, "```yaml\n")[1:] {
		block, _, _ = strings.Cut(block, "```")
		dec := yaml.NewDecoder(strings.NewReader(block))
		for {
			var o k8sObject
			err := dec.Decode(&o)
			if errors.Is(err, io.EOF) {
				break
			}
			require.NoError(t, err)
			objs[o.Kind+"/"+o.Metadata.Name] = o
		}
	}
	return objs
}

// expandK8s replaces $(VAR) by its value, as the kubelet does in a
// container's command and args.
func expandK8s(s string, env map[string]string) string {
	return regexp.MustCompile(`\$\(([A-Za-z_][A-Za-z0-9_]*)\)`).ReplaceAllStringFunc(s, func(ref string) string {
		if v, ok := env[ref[2:len(ref)-1]]; ok {
			return v
		}
		return ref
	})
}

// TestKubernetesJobsAsDocumented checks the documented manifests (the
// ConfigMap and the claim the Indexed Job mounts exist, the claim is
// ReadWriteMany, no shell, --workers equal to the CPU request and limit)
// and runs their containers' args as the kubelet would, with the volumes
// as directories: every index, one index again (skipped, as a retried pod
// would be), then the merge Job, whose outputs are the unsharded job's.
// Only --runs is lowered, to be quick.
func TestKubernetesJobsAsDocumented(t *testing.T) {
	objs := documentedK8s(t)
	var shards, merge k8sObject
	for _, o := range objs {
		if o.Kind == "Job" && o.Spec.CompletionMode == "Indexed" {
			shards = o
		} else if o.Kind == "Job" {
			merge = o
		}
	}
	require.NotZero(t, shards.Spec.Completions, "an Indexed Job")
	require.NotEmpty(t, merge.Spec.Template.Spec.Containers, "a merge Job")
	root := t.TempDir()
	mounts := map[string]string{} // volume name: directory
	for _, v := range shards.Spec.Template.Spec.Volumes {
		dir := filepath.Join(root, v.Name)
		require.NoError(t, os.MkdirAll(dir, 0o755))
		mounts[v.Name] = dir
		switch {
		case v.ConfigMap != nil:
			cm, ok := objs["ConfigMap/"+v.ConfigMap.Name]
			require.True(t, ok, "the ConfigMap %s is defined", v.ConfigMap.Name)
			scen, err := os.ReadFile(filepath.Join(wd, mergeScenario))
			require.NoError(t, err)
			for key := range cm.Data { // the scenario the user pastes there
				require.NoError(t, os.WriteFile(filepath.Join(dir, key), scen, 0o644))
			}
		case v.PersistentVolumeClaim != nil:
			pvc, ok := objs["PersistentVolumeClaim/"+v.PersistentVolumeClaim.ClaimName]
			require.True(t, ok, "the claim %s is defined", v.PersistentVolumeClaim.ClaimName)
			assert.Contains(t, pvc.Spec.AccessModes, "ReadWriteMany")
		}
	}
	// args rewrites a container's args as the kubelet would (env), with
	// each mount path standing for its directory, and fewer runs.
	args := func(c k8sContainer, env map[string]string) []string {
		require.Equal(t, []string{"ahpsim"}, c.Command, "the binary itself, no shell")
		var out []string
		for i, a := range c.Args {
			a = expandK8s(a, env)
			for _, m := range c.VolumeMounts {
				if rest, ok := strings.CutPrefix(a, m.MountPath); ok {
					a = mounts[m.Name] + rest
				}
			}
			if i > 0 && c.Args[i-1] == "--runs" {
				a = "200"
			}
			out = append(out, a)
		}
		return out
	}
	c := shards.Spec.Template.Spec.Containers[0]
	workers := ""
	for i, a := range c.Args {
		if a == "--workers" {
			workers = c.Args[i+1]
		}
	}
	assert.Equal(t, c.Resources.Requests["cpu"], workers, "--workers matches the CPU request")
	assert.Equal(t, c.Resources.Limits["cpu"], workers, "and the CPU limit")

	n := shards.Spec.Completions
	for i := range n {
		a := args(c, map[string]string{"JOB_COMPLETION_INDEX": fmt.Sprint(i)})
		out, code := runCLI(t, a...)
		require.Equal(t, 0, code, "index %d: %v: %s", i, a, out)
	}
	out, code := runCLI(t, args(c, map[string]string{"JOB_COMPLETION_INDEX": "0"})...)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, fmt.Sprintf("Shard 0 of %d is already done", n))

	m := args(merge.Spec.Template.Spec.Containers[0], nil)
	out, code = runCLI(t, m...)
	require.Equal(t, 0, code, "%v: %s", m, out)
	assert.Contains(t, out, fmt.Sprintf("Merged %d shards", n))
	whole := args(c, nil)
	for i := 0; i < len(whole); i++ {
		if whole[i] == "--shard" {
			whole = append(whole[:i:i], whole[i+2:]...)
			i--
		}
	}
	whole = append(whole, "--out", filepath.Join(root, "whole"))
	out, code = runCLI(t, whole...)
	require.Equal(t, 0, code, out)
	merged := m[slices.Index(m, "--out")+1]
	files := listFiles(t, filepath.Join(root, "whole"))
	require.Equal(t, files, listFiles(t, merged))
	for _, f := range files {
		if f != "manifest.json" {
			assertSameFile(t, filepath.Join(root, "whole", f), filepath.Join(merged, f))
		}
	}
}
