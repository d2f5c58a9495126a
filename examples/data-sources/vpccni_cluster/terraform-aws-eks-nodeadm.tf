# Hand node-config.tf's NodeConfig (data.vpccni_cluster.pd) to a
# terraform-aws-eks (v21) managed node group. A managed node group without a
# custom AMI sets max pods itself and ignores it, so the group names an AMI
# and takes the module's bootstrap user data (enable_bootstrap_user_data).
# nodeadm merges the parts; the module's own, which comes after this one,
# sets no maxPods.
data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/eks/optimized-ami/1.33/amazon-linux-2023/x86_64/standard/recommended/image_id"
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 21.0"

  name               = "example"
  kubernetes_version = "1.33"

  addons = {
    vpc-cni = {
      before_compute       = true
      configuration_values = data.vpccni_cluster.pd.configuration_values
    }
  }

  eks_managed_node_groups = {
    apps = {
      instance_types             = ["m5.large"]
      ami_type                   = "AL2023_x86_64_STANDARD"
      ami_id                     = data.aws_ssm_parameter.al2023.value
      enable_bootstrap_user_data = true
      cloudinit_pre_nodeadm = [{
        content_type = "application/node.eks.aws"
        content      = data.vpccni_cluster.pd.groups["apps"].node_config
      }]
      min_size     = 6
      max_size     = 6
      desired_size = 6
    }
  }

  # vpc_id, subnet_ids, ...
}
