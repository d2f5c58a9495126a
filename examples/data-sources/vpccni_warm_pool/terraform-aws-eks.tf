# With the terraform-aws-eks module, pass configuration_values to the
# vpc-cni entry of cluster_addons.
data "vpccni_warm_pool" "workers" {
  instance_type = "r5.xlarge"
  expected_pods = 20
  node_count    = 10
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"

  cluster_name    = "example"
  cluster_version = "1.31"

  cluster_addons = {
    vpc-cni = {
      before_compute       = true
      configuration_values = data.vpccni_warm_pool.workers.configuration_values
    }
  }

  # vpc_id, subnet_ids, eks_managed_node_groups, ...
}
