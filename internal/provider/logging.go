// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import "os"

// sdkLogEnv are the variables that switch the plugin SDK's logs on.
var sdkLogEnv = []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// QuietSDKLogsByDefault turns the plugin SDK's own logs off unless one of
// the TF_LOG variables asks for them. Without it the SDK writes every
// TRACE line as JSON to Terraform, which parses each and throws it away
// when TF_LOG is unset: 56 MB for a plan of 500 vpccni_warm_pool reads,
// about a third of the provider's CPU (bench/RESULTS.md). main calls it
// before serving.
func QuietSDKLogsByDefault() {
	for _, name := range sdkLogEnv {
		if os.Getenv(name) != "" {
			return
		}
	}
	_ = os.Setenv("TF_LOG_SDK", "off")
}
