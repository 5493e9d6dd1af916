"""template.yaml as CloudFormation will see it: linted by cfn-lint, translated by the SAM translator
with the functions' code in S3 (as `sam package` leaves it), and optionally created on moto.

Run through infra/bin/check-template (part of infra/bin/test). `python3 template_check.py` prints the
report: cfn-lint's output, the HTTP API's routes, and every alarm with its metric.
"""
import copy
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "template.yaml"
ZIPS = {f"functions/handlers/target/cronwatch-{name}.zip" for name in ("functions", "ingest", "management", "processing")}
CODE_BUCKET = "cronwatch-artifacts"
CODE_PREFIX = "cronwatch/"
REGION = "us-east-1"
TOOLS = {"cfn-lint": "1.51.0", "aws-sam-translator": "1.110.0"}


def lint():
    """cfn-lint's exit code and output. Its code is a bit set: 2 errors, 4 warnings, 8 informational."""
    run = subprocess.run(["cfn-lint", "--", str(TEMPLATE)], cwd=ROOT, capture_output=True, text=True)
    return run.returncode, (run.stdout + run.stderr).strip()


def sam_template():
    from samtranslator.yaml_helper import yaml_parse

    return yaml_parse(TEMPLATE.read_text())


def packaged(template):
    """What `sam package` uploads: each function's local CodeUri becomes the S3 object of its zip."""
    result = copy.deepcopy(template)
    for name, resource in result["Resources"].items():
        if resource["Type"] == "AWS::Serverless::Function":
            uri = resource["Properties"].get("CodeUri")
            if uri not in ZIPS:
                raise AssertionError(f"{name}: CodeUri is {uri!r}, not one of the built zips {sorted(ZIPS)}")
            resource["Properties"]["CodeUri"] = f"s3://{CODE_BUCKET}/{code_key(uri)}"
    return result


def code_key(zip_path):
    """The S3 key `sam package` would give a zip (here its name, as a content hash is not needed)."""
    return CODE_PREFIX + Path(zip_path).stem


def translate(template=None):
    """The SAM transform of the packaged template, as CloudFormation runs it."""
    from samtranslator.translator.transform import transform

    class NoManagedPolicies:
        # Only names of AWS managed policies would be looked up; the template uses inline statements.
        def load(self):
            return {}

    os.environ.setdefault("AWS_DEFAULT_REGION", REGION)
    return transform(packaged(template or sam_template()), {}, NoManagedPolicies())


def resources_of_type(translated, kind):
    return {name: r for name, r in translated["Resources"].items() if r["Type"] == kind}


def function_of_integration(integration):
    """What the API invokes: IngestFunctionAliaslive from {"Fn::Sub": "…${IngestFunctionAliaslive}/invocations"}
    (a published alias), IngestFunction from "…${IngestFunction.Arn}/invocations" (the function's latest code)."""
    return re.search(r"functions/\$\{(\w+?)(?:\.Arn)?}/invocations", integration["uri"]["Fn::Sub"]).group(1)


def routes(translated):
    """[(route key, function)] of the HTTP API, in the form API Gateway names them."""
    (api,) = resources_of_type(translated, "AWS::ApiGatewayV2::Api").values()
    found = []
    for path, methods in api["Properties"]["Body"]["paths"].items():
        for method, operation in methods.items():
            function = function_of_integration(operation["x-amazon-apigateway-integration"])
            if path == "$default":
                found.append(("$default", function))
            else:
                verb = "ANY" if method == "x-amazon-apigateway-any-method" else method.upper()
                found.append((f"{verb} {path}", function))
    return sorted(found)


# ------------------------------------------------------------------------------------------------
# Which route a request takes


# The routes are laid out so that no request can match two of them, whatever API Gateway's precedence:
# routing_problems holds each request to exactly one matching route (or to $default when none does). Two
# readings of a trailing slash are tried, as AWS's "Routing API requests" does not say how one is
# matched: a greedy {proxy+} taking an empty remainder (`/metrics/{proxy+}` serving Grafana's
# `/metrics/` on an HTTP API, storacha/w3infra#166), and a trailing slash being ignored (REST APIs do;
# HTTP APIs do not, by the end-to-end test of aws-powertools/powertools-lambda-python#1609).
GREEDY_MAY_BE_EMPTY = "greedy {proxy+} may take an empty remainder"
TRAILING_SLASH_IGNORED = "a trailing slash is ignored"
MATCHING_RULES = (GREEDY_MAY_BE_EMPTY, TRAILING_SLASH_IGNORED)

SPEC = ROOT / "docs" / "spec.md"
# docs/spec.md's sections of routes, and the function that serves each
SPEC_SECTIONS = {"3": "IngestFunction", "4": "ManagementFunction", "5": "ManagementFunction"}
# a representative value of each path variable of docs/spec.md (project id 0 is the API's prefix)
SAMPLE_VALUES = {
    "org": ["acme"], "slug": ["backup"], "projectId": ["1", "0"], "projectSlug": ["web"],
    "checkInId": ["3f2504e0-4f89-41d3-9a0c-0305e82c3301"], "publicKey": ["0123456789abcdef0123456789abcdef"],
    "keyId": ["0123456789abcdef0123456789abcdef"], "id": ["0123456789abcdef"], "env": ["production"],
    "version": ["3f2504e04f89"], "name": ["app.js"],
}


def spec_routes():
    """[(methods, path pattern, function)] of every request docs/spec.md's sections 3 to 5 name, with a
    path written `…/x/…` completed from the first full path of the spec that holds `/x/`."""
    text = SPEC.read_text()
    found = []
    section = None
    for line in text.splitlines():
        heading = re.match(r"## (\d+)\.", line)
        if heading:
            section = heading.group(1)
        if section not in SPEC_SECTIONS:
            continue
        for methods, path in re.findall(r"`((?:GET|POST|PUT|DELETE)(?:\\?\|(?:GET|POST|PUT|DELETE))*) ([/…][^`?]*)", line):
            found.append((re.split(r"\\?\|", methods), path, SPEC_SECTIONS[section]))
    full = [path for _, path, _ in found if path.startswith("/")]
    routes = []
    for methods, path, function in found:
        if path.startswith("…"):
            first = path[1:].split("/")[1]
            path = next(f[:f.index("/" + first + "/")] for f in full if "/" + first + "/" in f) + path[1:]
        routes.append((methods, path, function))
    return routes


def sample_paths(pattern):
    """The pattern with each variable filled in with each of its sample values (`{checkInId|latest}` also
    with the literal `latest`; `<name>` is a variable too)."""
    paths = [""]
    for segment in pattern.split("/")[1:]:
        variable = re.fullmatch(r"[{<]([^}>]+)[}>]", segment)
        if variable:
            name, *literals = re.split(r"\\?\|", variable.group(1))
            values = SAMPLE_VALUES[name] + literals
        else:
            values = [segment]
        paths = [p + "/" + v for p in paths for v in values]
    return paths


def route_matches(key, method, path, rule):
    """Whether a route key (`POST /api/{projectId}/envelope/{proxy+}`, `ANY /x`) matches the request
    under the rule: a variable takes one non-empty segment, a greedy one what is left."""
    if key == "$default":
        return False
    verb, pattern = key.split(" ", 1)
    if verb not in ("ANY", method):
        return False
    if rule == TRAILING_SLASH_IGNORED and len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    actual = path.split("/")[1:]
    expected = pattern.split("/")[1:]
    greedy = expected[-1].endswith("+}")
    fixed = expected[:-1] if greedy else expected
    if (len(actual) <= len(fixed)) if greedy else (len(actual) != len(fixed)):
        return False
    for want, got in zip(fixed, actual):
        if (want.startswith("{") and not got) or (not want.startswith("{") and want != got):
            return False
    return not greedy or rule == GREEDY_MAY_BE_EMPTY or "/".join(actual[len(fixed):]) != ""


def matching_routes(routes, method, path, rule):
    """Every route the request matches under the rule, precedence aside: $default only when none does."""
    matched = [(key, function) for key, function in routes if route_matches(key, method, path, rule)]
    return matched or [(key, function) for key, function in routes if key == "$default"]


def routing_problems(routes, requests):
    """What is wrong with the routes for the requests [(method, path, function or None for either)]: a
    request matched by more than one route or by none, or by another function's."""
    problems = []
    for method, path, function in requests:
        for rule in MATCHING_RULES:
            matched = matching_routes(routes, method, path, rule)
            if len(matched) != 1:
                problems.append(f"{method} {path} ({rule}): {len(matched)} routes {[k for k, _ in matched]}")
            elif function and matched[0][1] != function + "Aliaslive":
                problems.append(f"{method} {path} ({rule}): {matched[0][0]} of {matched[0][1]}, not {function}")
    return problems


def alarms(translated):
    """[(alarm, namespace/metric statistic comparison threshold over periods, actions)]."""
    found = []
    for name, alarm in sorted(resources_of_type(translated, "AWS::CloudWatch::Alarm").items()):
        p = alarm["Properties"]
        dims = ",".join(d["Name"] for d in p.get("Dimensions", []))
        op = {"GreaterThanThreshold": ">", "LessThanThreshold": "<", "GreaterThanOrEqualToThreshold": ">=",
              "LessThanOrEqualToThreshold": "<="}[p["ComparisonOperator"]]
        found.append((name, f"{p['Namespace']} {p['MetricName']} [{dims}] {p.get('Statistic') or p['ExtendedStatistic']} {op} {p['Threshold']}"
                            f" for {p.get('DatapointsToAlarm', p['EvaluationPeriods'])} of {p['EvaluationPeriods']}"
                            f" x {p['Period']} s, missing data {p.get('TreatMissingData', 'missing')}",
                      [a.get("Ref") for a in p.get("AlarmActions", [])]))
    return found


def role_statements(translated, function):
    """Every statement of the function's role, inline and managed (the managed ones by ARN)."""
    role = translated["Resources"][function]["Properties"]["Role"]["Fn::GetAtt"][0]
    props = translated["Resources"][role]["Properties"]
    statements = []
    for policy in props.get("Policies", []):
        statements.extend(policy["PolicyDocument"]["Statement"])
    managed = [arn["Fn::Sub"] if isinstance(arn, dict) else arn for arn in props.get("ManagedPolicyArns", [])]
    return statements, managed


def actions(statements, effect, prefix):
    found = set()
    for s in statements:
        if s["Effect"] != effect:
            continue
        for a in [s["Action"]] if isinstance(s["Action"], str) else s["Action"]:
            if a.startswith(prefix):
                found.add(a)
    return found


# ------------------------------------------------------------------------------------------------
# moto


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MotoServer:
    """moto_server on an ephemeral loopback port, stopped by its own process handle."""

    def __init__(self):
        self.port = free_port()
        self.process = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(self.port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.close()
                    raise RuntimeError("moto_server did not start")
                time.sleep(0.1)

    def client(self, service):
        import boto3

        return boto3.client(service, endpoint_url=f"http://127.0.0.1:{self.port}", region_name=REGION,
                            aws_access_key_id="testing", aws_secret_access_key="testing")

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


# Resource types moto 5.2.1 accepts in a stack but only as placeholders, and one of its gaps.
MOTO_PLACEHOLDERS = {"AWS::CloudWatch::Alarm", "AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Stage",
                     "AWS::Scheduler::Schedule", "AWS::SNS::Subscription", "AWS::Lambda::EventInvokeConfig"}


def for_moto(translated):
    """moto names a FIFO queue without the ".fifo" CloudFormation adds, cannot resolve an alarm's
    Arn inside the dashboard, and has no AWS::Lambda::Alias: these adjustments touch names, the
    dashboard, and what calls an alias (which here calls its function)."""
    t = copy.deepcopy(translated)
    for name, alias in resources_of_type(t, "AWS::Lambda::Alias").items():
        del t["Resources"][name]
        function = alias["Properties"]["FunctionName"]["Ref"]
        text = json.dumps(t).replace(json.dumps({"Ref": name}), json.dumps({"Ref": function}))
        t = json.loads(text.replace("${" + name + "}", "${" + function + ".Arn}"))
    for name, queue in resources_of_type(t, "AWS::SQS::Queue").items():
        if queue["Properties"].get("FifoQueue"):
            t["Resources"][name]["Properties"].setdefault("QueueName", f"{name}.fifo")
    for name in resources_of_type(t, "AWS::CloudWatch::Dashboard"):
        del t["Resources"][name]
        for output, value in list(t.get("Outputs", {}).items()):
            if json.dumps(value).find(f'"{name}"') >= 0:
                del t["Outputs"][output]
    return t


def create_on_moto(moto, translated, stack="cronwatch-ci"):
    s3 = moto.client("s3")
    s3.create_bucket(Bucket=CODE_BUCKET)
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as z:
        z.writestr("placeholder.txt", "the functions' code is not run here")
    for zip_path in ZIPS:
        s3.put_object(Bucket=CODE_BUCKET, Key=code_key(zip_path), Body=code.getvalue())
    cf = moto.client("cloudformation")
    cf.create_stack(StackName=stack, TemplateBody=json.dumps(for_moto(translated)),
                    Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"])
    deadline = time.monotonic() + 60
    while True:
        description = cf.describe_stacks(StackName=stack)["Stacks"][0]
        if not description["StackStatus"].endswith("_IN_PROGRESS") or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    return description, cf.describe_stack_resources(StackName=stack)["StackResources"]


def report():
    code, output = lint()
    print(f"== cfn-lint {TOOLS['cfn-lint']} template.yaml: exit {code}")
    print(output or "(no findings)")
    translated = translate()
    print(f"\n== HTTP API routes after the SAM transform (aws-sam-translator {TOOLS['aws-sam-translator']})")
    for key, function in routes(translated):
        print(f"  {key:70} -> {function}")
    print("\n== Alarms")
    for name, metric, actions_ in alarms(translated):
        print(f"  {name:24} {metric} -> {', '.join(actions_)}")
    return code


if __name__ == "__main__":
    sys.exit(2 if report() & 2 else 0)
