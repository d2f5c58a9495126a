// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
)

var _ function.Function = PrefixBlocksFunction{}

// NewPrefixBlocksFunction returns provider::vpccni::prefix_blocks.
func NewPrefixBlocksFunction() function.Function {
	return PrefixBlocksFunction{}
}

// PrefixBlocksFunction counts the /28 prefixes a fresh subnet can give.
type PrefixBlocksFunction struct{}

func (f PrefixBlocksFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "prefix_blocks"
}

func (f PrefixBlocksFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Aligned /28 blocks a fresh subnet offers for prefix delegation",
		MarkdownDescription: "Under prefix delegation each ENI slot takes a /28 prefix: 16 free addresses aligned on a 16-address boundary. " +
			"AWS reserves the first four addresses of a subnet and the last, which spoils the first and the last /28, so a fresh /24 " +
			"offers 14 blocks (not 16, nor 251 / 16). Addresses already in use fragment a subnet further; a prefix-type " +
			"`aws_ec2_subnet_cidr_reservation` keeps a range whole.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "cidr",
				MarkdownDescription: "IPv4 subnet CIDR from /16 to /28, for example `10.0.0.0/24`.",
			},
		},
		Return: function.Int64Return{},
	}
}

func (f PrefixBlocksFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var cidr string
	resp.Error = req.Arguments.Get(ctx, &cidr)
	if resp.Error != nil {
		return
	}
	s, err := subnet.Parse(cidr)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, int64(s.PrefixBlocks()))
}
