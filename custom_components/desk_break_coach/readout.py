"""The coach's view as plain data: the get_status response and entity attributes."""

from __future__ import annotations

from typing import Any

from .engine import ExerciseView, View


def exercise_data(exercise: ExerciseView) -> dict[str, Any]:
    """Return the exercise in progress (the current_exercise attributes, get_status)."""
    return {
        "name": exercise.name,
        "exercise_id": exercise.exercise_id,
        "step": exercise.step,
        "steps_total": exercise.steps_total,
        "reps": exercise.reps,
        "seconds_left": exercise.seconds_left,
        "ends_at": exercise.ends_at.isoformat(),
        "instructions": exercise.instructions,
        "program": exercise.program,
    }


def outcome_data(view: View) -> dict[str, Any]:
    """Return whether it helps: comfort early on and now, and the adherence."""
    outcome = view.outcome
    return {
        "days_logged": outcome.days_logged,
        "baseline": outcome.baseline,
        "recent": outcome.recent,
        "change": outcome.change,
        "meaningful": outcome.meaningful,
        "adherence_28d": outcome.adherence_28d,
    }


def status_data(view: View) -> dict[str, Any]:
    """Return the get_status response (also the slots of every voice reply)."""
    return {
        "status": view.status.value,
        "sitting_minutes": view.sitting_minutes,
        "sitting_today_minutes": view.sitting_today_minutes,
        "next_break": view.next_break.isoformat() if view.next_break else None,
        "breaks_today": view.breaks_today,
        "daily_target": view.daily_target,
        "daily_progress": view.progress,
        "streak": view.streak,
        "program": view.program,
        "snoozes_left": view.snoozes_left,
        "available_commands": [command.value for command in view.available_commands],
        "current_exercise": None
        if view.exercise is None
        else exercise_data(view.exercise),
        "remaining_steps": view.remaining_steps,
        "comfort": view.comfort,
        "comfort_average_7d": view.comfort_average_7d,
        "comfort_trend": view.comfort_trend,
        "suggest_morning_massage": view.suggest_morning_massage,
        "due_since": view.due_since.isoformat() if view.due_since else None,
        "skips_left": view.skips_left,
        "outcome": outcome_data(view),
    }
