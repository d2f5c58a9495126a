# A Karpenter NodePool of m5.large under prefix delegation. Karpenter gives
# nodes (ENIs - RESERVED_ENIS) x (IPs per ENI - 1) + 2 pods and ignores
# prefix delegation: 29 here, although the VPC CNI could serve 110. With
# max_pods = 110 the plan runs with 110, and ec2_node_class_kubelet is the
# EC2NodeClass's spec.kubelet that gives it to the nodes.
data "vpccni_warm_pool" "karpenter" {
  instance_type     = "m5.large"
  prefix_delegation = true
  expected_pods     = 40
  node_count        = 10
  max_pods_from     = "karpenter"
  max_pods          = 110
}

# An EC2NodeClass with that kubelet section, for the kubernetes provider's
# kubernetes_manifest or kubectl apply (yamlencode it).
locals {
  ec2_node_class = {
    apiVersion = "karpenter.k8s.aws/v1"
    kind       = "EC2NodeClass"
    metadata   = { name = "apps" }
    spec = merge(
      yamldecode(data.vpccni_warm_pool.karpenter.ec2_node_class_kubelet), # { kubelet = { maxPods = 110 } }
      {
        amiSelectorTerms           = [{ alias = "al2023@latest" }]
        role                       = "KarpenterNodeRole-example"
        subnetSelectorTerms        = [{ tags = { "karpenter.sh/discovery" = "example" } }]
        securityGroupSelectorTerms = [{ tags = { "karpenter.sh/discovery" = "example" } }]
      }
    )
  }
}

output "ec2_node_class" {
  value = yamlencode(local.ec2_node_class)
}
