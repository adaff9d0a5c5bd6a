from django import template

from .. import queries

register = template.Library()


@register.simple_tag
def examples_for_municipality(user, municipality):
    """``{% examples_for_municipality user municipality as examples %}``"""
    return queries.examples_for_municipality(user, municipality)


@register.simple_tag
def example_count_for_municipality(user, municipality):
    """``{% example_count_for_municipality user municipality as count %}``"""
    return queries.example_count_for_municipality(user, municipality)


@register.simple_tag
def examples_for_criterion(user, criterion):
    """``{% examples_for_criterion user criterion as examples %}``"""
    return queries.examples_for_criterion(user, criterion)
