#!/usr/bin/env bash
# Creates a tenant on a deployed stack: organization + project (kept if they exist), a new DSN key and
# a new management token, printed once as JSON. The DSN's host is the stack's API (its ApiUrl output)
# unless --host says otherwise (a custom domain in front of it, say).
#   infra/bootstrap.sh <stack-name> <organization> [--project 1] [--project-slug default] [--host <api host>]
# Needs the AWS CLI with credentials for the stack's account (and its region: AWS_REGION or the CLI's
# default), and the built zip (mvn -B -DskipTests package).
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: $0 <stack-name> <organization> [--project ID] [--project-slug SLUG] [--host HOST]" >&2
  exit 2
fi
stack=$1
organization=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
zip="$root/functions/handlers/target/cronwatch-functions.zip"
[[ -f $zip ]] || { echo "missing $zip: build it first (mvn -B -pl functions/handlers -am package -DskipTests)" >&2; exit 1; }

output() {
  aws cloudformation describe-stacks --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}
table=$(output TableName)
[[ -n $table && $table != None ]] || { echo "stack $stack has no TableName output" >&2; exit 1; }
api_url=$(output ApiUrl)
[[ $api_url == https://* ]] || { echo "stack $stack has no https ApiUrl output (got '$api_url')" >&2; exit 1; }
api_host=${api_url#https://}
api_host=${api_host%%/*}
region=${AWS_REGION:-$(aws configure get region || echo us-east-1)}

# Run from the deployed artifact itself: classes at the zip's root, dependencies in lib/.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unzip -q "$zip" -d "$work"
CRONWATCH_TABLE=$table AWS_REGION=$region \
  java -cp "$work:$work/lib/*" dev.cronwatch.handlers.Bootstrap --organization "$organization" \
    --host "$api_host" --scheme https "$@"
