variable "cluster_name" {
  description = "EKS cluster whose vpc-cni add-on this module configures."
  type        = string
}

variable "node_subnet_ids" {
  description = "Subnets the node group's ENIs use."
  type        = list(string)
}

variable "instance_type" {
  description = "EC2 instance type of the node group."
  type        = string
}

variable "expected_pods" {
  description = "Pods per node that need a VPC address (hostNetwork pods excluded)."
  type        = number
}

variable "max_nodes" {
  description = "Nodes at the node group's largest size; the subnets are checked for this many."
  type        = number
}

variable "spare_ips" {
  description = "Free addresses each node keeps for pods about to start (WARM_IP_TARGET)."
  type        = number
  default     = 2
}

variable "addon_version" {
  description = "vpc-cni add-on version; null for the EKS default."
  type        = string
  default     = null
}
