// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

var _ function.Function = MaxPodsFunction{}

// NewMaxPodsFunction returns provider::vpccni::max_pods.
func NewMaxPodsFunction() function.Function {
	return MaxPodsFunction{}
}

// MaxPodsFunction returns the secondary-IP max pods of an instance type.
type MaxPodsFunction struct{}

func (f MaxPodsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "max_pods"
}

func (f MaxPodsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Max pods of an EC2 instance type with the VPC CNI's secondary IPs",
		MarkdownDescription: "Returns `ENIs * (IPs per ENI - 1) + 2` for the instance type, counting only the default network card's ENIs: " +
			"the value of upstream's `misc/eni-max-pods.txt` that EKS AMIs give kubelet. Unknown types are an error that suggests close " +
			"matches; use the `vpccni_instance_type` data source to give limits for types the embedded table lacks, or for the custom " +
			"networking and prefix delegation values.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "instance_type",
				MarkdownDescription: "EC2 instance type, for example `r5.xlarge`.",
			},
		},
		Return: function.Int64Return{},
	}
}

func (f MaxPodsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var instanceType string
	resp.Error = req.Arguments.Get(ctx, &instanceType)
	if resp.Error != nil {
		return
	}
	limits, msg := lookupInstanceType(instanceType)
	if msg != "" {
		// Terraform ends the message with its own full stop.
		resp.Error = function.NewArgumentFuncError(0, strings.TrimSuffix(msg, "."))
		return
	}
	pods := ipam.ComputeMaxPods(ipam.NodeFromLimits(limits, 0), ipam.Mode{}).Pods
	resp.Error = resp.Result.Set(ctx, int64(pods))
}
