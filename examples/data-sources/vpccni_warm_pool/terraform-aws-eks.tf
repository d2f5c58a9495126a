# With the terraform-aws-eks module (v21), pass configuration_values to the
# vpc-cni entry of addons. before_compute = true, as the module's README sets
# it for vpc-cni: the add-on does not wait for the node groups, so their
# nodes start with these settings.
data "vpccni_warm_pool" "workers" {
  instance_type = "r5.xlarge"
  expected_pods = 20
  node_count    = 10
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 21.0"

  name               = "example"
  kubernetes_version = "1.33"

  addons = {
    vpc-cni = {
      before_compute       = true
      configuration_values = data.vpccni_warm_pool.workers.configuration_values
    }
  }

  # vpc_id, subnet_ids, eks_managed_node_groups, ...
}
