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

variable "running_nodes" {
  description = "Nodes of the group running now, before this change (0 for a new group). The subnets' free counts leave out what they hold, so the plan adds it back."
  type        = number
  default     = 0
}

variable "current_settings" {
  description = "The aws-node settings the running nodes have now; null for the add-on defaults. Once this module has applied its recommendation, pass it here (for example { minimum_ip_target = 20, warm_ip_target = 2 }), or the plan adds back what the defaults would hold."
  type = object({
    minimum_ip_target  = optional(number)
    warm_ip_target     = optional(number)
    warm_eni_target    = optional(number)
    warm_prefix_target = optional(number)
  })
  default = null
}

variable "spare_ips" {
  description = "Free addresses each node keeps for pods about to start (WARM_IP_TARGET)."
  type        = number
  default     = 2
}

variable "addon_configuration" {
  description = "Your own vpc-cni add-on settings as a JSON string, for example jsonencode({ enableNetworkPolicy = \"true\", env = { AWS_VPC_K8S_CNI_LOGLEVEL = \"DEBUG\" } }) or an existing configuration_values; merged into the recommendation. Keys the recommendation writes with other values (WARM_IP_TARGET, MINIMUM_IP_TARGET) and keys that change its numbers (WARM_ENI_TARGET, MAX_ENI, ENABLE_PREFIX_DELEGATION, ...) fail the plan. Null for none."
  type        = string
  default     = null
}

variable "addon_version" {
  description = "vpc-cni add-on version; null for the EKS default."
  type        = string
  default     = null
}
