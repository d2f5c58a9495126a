// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// planDiagnostic is one diagnostic of `terraform plan -json`.
type planDiagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
	Range    *struct {
		Start struct {
			Line int `json:"line"`
		} `json:"start"`
	} `json:"range"`
}

// planJSON runs `terraform plan -json` on config with this provider served
// in process (as the acceptance tests do, through Terraform's reattach
// mode) and returns the provider's diagnostics: what a user sees, each as
// many times as Terraform shows it. The testing framework keeps warnings
// to itself, so the tests that count diagnostics run terraform here.
func planJSON(t *testing.T, config string) (diags []planDiagnostic, failed bool) {
	t.Helper()
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || tf == "" {
		t.Skip("needs TF_ACC=1 and TF_ACC_TERRAFORM_PATH (make test sets both)")
	}
	// The configurations use check blocks, new in Terraform 1.5.
	skipBelowCLI(t, tf, "1.5.0")
	// The provider's SDK would log every RPC at TRACE to stderr.
	t.Setenv("TF_LOG_SDK", "off")
	t.Setenv("TF_LOG_SDK_PROTO", "off")
	t.Setenv("TF_LOG_SDK_FRAMEWORK", "off")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	reattach := make(chan *plugin.ReattachConfig)
	closed := make(chan struct{})
	serveErr := make(chan error, 1)
	go func() {
		serveErr <- tf6server.Serve("registry.terraform.io/vpccni/vpccni", providerserver.NewProtocol6(New("test")()),
			tf6server.WithDebug(ctx, reattach, closed), tf6server.WithGoPluginLogger(hclog.NewNullLogger()), tf6server.WithoutLogStderrOverride())
	}()
	var rc *plugin.ReattachConfig
	select {
	case rc = <-reattach:
	case err := <-serveErr:
		t.Fatalf("serving the provider: %v", err)
	}
	defer func() {
		cancel()
		<-closed
	}()
	entry := map[string]any{
		"Protocol": "grpc", "ProtocolVersion": 6, "Pid": rc.Pid, "Test": true,
		"Addr": map[string]string{"Network": rc.Addr.Network(), "String": rc.Addr.String()},
	}
	providers, err := json.Marshal(map[string]any{
		"registry.terraform.io/vpccni/vpccni": entry,
		"registry.opentofu.org/vpccni/vpccni": entry,
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	main := `terraform {
  required_providers {
    vpccni = { source = "vpccni/vpccni" }
  }
}
` + config
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(main), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) ([]byte, error) {
		cmd := exec.CommandContext(ctx, tf, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+string(providers), "TF_CLI_CONFIG_FILE="+empty, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil && len(out) == 0 {
			t.Logf("%s: %s", strings.Join(args, " "), stderr.String())
		}
		return out, err
	}
	if out, err := run("init", "-input=false", "-backend=false"); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}
	out, err := run("plan", "-json", "-input=false", "-lock=false", "-refresh=false")
	failed = err != nil
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var line struct {
			Type       string         `json:"type"`
			Diagnostic planDiagnostic `json:"diagnostic"`
		}
		if json.Unmarshal(sc.Bytes(), &line) != nil || line.Type != "diagnostic" {
			continue
		}
		// Terraform's own notice about reattached providers is not ours.
		if strings.Contains(line.Diagnostic.Summary, "override") || strings.Contains(line.Diagnostic.Summary, "reattach") {
			continue
		}
		diags = append(diags, line.Diagnostic)
	}
	return diags, failed
}

// countDiagnostics counts diagnostics by severity, summary and address.
func countDiagnostics(diags []planDiagnostic) map[string]int {
	out := map[string]int{}
	for _, d := range diags {
		out[d.Severity+": "+d.Summary+" @ "+d.Address]++
	}
	return out
}

// skipBelowCLI skips the test when the CLI at tf is older than floor
// (OpenTofu reports its own version, which has had every feature these
// tests use since 1.6).
func skipBelowCLI(t *testing.T, tf, floor string) {
	t.Helper()
	out, err := exec.CommandContext(t.Context(), tf, "version", "-json").Output()
	if err != nil {
		t.Fatalf("%s version -json: %v", tf, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("%s version -json: %v", tf, err)
	}
	have, err := version.NewVersion(v.Version)
	if err != nil {
		t.Fatalf("%s reports version %q: %v", tf, v.Version, err)
	}
	if have.LessThan(version.Must(version.NewVersion(floor))) {
		t.Skipf("needs Terraform %s or later; %s is %s", floor, tf, have)
	}
}
