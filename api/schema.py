"""Assembles the GraphQL schema from the features."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter, SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from api.config import Settings
from api.errors import CloseSession, ErrorPolicy, log
from api.features.access.queries import AccessQueries
from api.features.access.types import User
from api.features.base.money import SCALAR_MAP
from api.features.governance.mutations import GovernanceMutations
from api.features.governance.queries import GovernanceQueries
from api.features.governance.types import GateRequest
from api.features.monitoring.mutations import MonitoringMutations
from api.features.planning.schedule_mutations import ScheduleMutations
from api.features.planning.schedule_types import Baseline
from api.features.planning.task_mutations import TaskMutations
from api.features.planning.task_types import Dependency, Task
from api.features.portfolio.portfolio_mutations import PortfolioMutations
from api.features.portfolio.portfolio_types import Calendar, Event, Portfolio, Program
from api.features.portfolio.project_mutations import ProjectMutations
from api.features.portfolio.project_types import Project
from api.features.portfolio.queries import PortfolioQueries
from api.features.portfolio.risk_mutations import RiskMutations
from api.features.portfolio.risk_types import Risk
from api.features.portfolio.subscriptions import PortfolioSubscriptions
from api.features.resources.allocation_mutations import AllocationMutations
from api.features.resources.resource_mutations import ResourceMutations
from api.features.resources.resource_types import Assignment, Resource
from api.node import NodeQueries

Query = merge_types("Query", (NodeQueries, AccessQueries, PortfolioQueries, GovernanceQueries))
Mutation = merge_types(
    "Mutation",
    (
        PortfolioMutations,
        ProjectMutations,
        TaskMutations,
        ResourceMutations,
        RiskMutations,
        GovernanceMutations,
        ScheduleMutations,
        AllocationMutations,
        MonitoringMutations,
    ),
)

NODE_TYPES = [
    Portfolio,
    Program,
    Project,
    Task,
    Dependency,
    Resource,
    Assignment,
    Risk,
    Calendar,
    Event,
    GateRequest,
    User,
    Baseline,
]


Subscription = merge_types("Subscription", (PortfolioSubscriptions,))


class PmoSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        # Client mistakes (bad token, bad input, malformed queries) are routine: debug level.
        # Our own bugs are logged with their stack where they are classified (api.errors).
        for error in errors:
            log.debug("request error: %s (path %s)", error.message, error.path)


def build_schema(settings: Settings) -> strawberry.Schema:
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        partial(QueryDepthLimiter, max_depth=settings.max_depth),
        partial(MaxAliasesLimiter, max_alias_count=settings.max_aliases),
        partial(MaxTokensLimiter, max_token_count=settings.max_tokens),
        ErrorPolicy,
        CloseSession,
    ]
    if not settings.introspection:
        from strawberry.extensions import DisableIntrospection

        extensions.append(DisableIntrospection)
    return PmoSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=NODE_TYPES,
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True, scalar_map=SCALAR_MAP),
    )
