#!/usr/bin/env bash
# Creates a tenant on a deployed stack: organization + project (kept if they exist), a new DSN key and
# a new management token, printed once as JSON. The DSN's host is the stack's API (its ApiUrl output)
# unless --host says otherwise (a custom domain in front of it, say).
#   infra/bootstrap.sh <stack-name> <organization> [--project 1] [--project-slug default] [--host <api host>] [--region <region>]
# Needs Java and your AWS credentials for the stack's account, found as cronwatch-admin --stack finds
# them (keys, or a profile with credential_process, role_arn or SSO); the region is --region,
# AWS_REGION, AWS_DEFAULT_REGION, the profile's or samconfig.toml's, and is printed.
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: $0 <stack-name> <organization> [--project ID] [--project-slug SLUG] [--host HOST] [--region REGION]" >&2
  exit 2
fi
stack=$1
organization=$2
shift 2
region=()
rest=()
while [[ $# -gt 0 ]]; do
  if [[ $1 == --region && $# -ge 2 ]]; then region=(--region "$2"); shift 2; else rest+=("$1"); shift; fi
done
# ${a[@]+"${a[@]}"}: an empty array under set -u, which macOS's bash 3.2 calls unbound
exec "$(dirname "$0")/bin/cronwatch-admin" --stack "$stack" ${region[@]+"${region[@]}"} bootstrap "$organization" \
  ${rest[@]+"${rest[@]}"}
