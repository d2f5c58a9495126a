// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"os"
	"testing"
)

func TestQuietSDKLogsByDefault(t *testing.T) {
	for _, name := range sdkLogEnv {
		t.Setenv(name, "")
	}
	QuietSDKLogsByDefault()
	if got := os.Getenv("TF_LOG_SDK"); got != "off" {
		t.Fatalf("TF_LOG_SDK = %q with no TF_LOG variable set, want off", got)
	}
	for _, name := range sdkLogEnv {
		t.Setenv(name, "")
	}
	t.Setenv("TF_LOG", "trace")
	QuietSDKLogsByDefault()
	if got := os.Getenv("TF_LOG_SDK"); got != "" {
		t.Fatalf("TF_LOG_SDK = %q although TF_LOG asks for logs, want it left alone", got)
	}
}
