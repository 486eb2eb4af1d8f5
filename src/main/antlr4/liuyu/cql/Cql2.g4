/*
 * CQL2 Text (OGC 21-065, CQL2 1.0), the part Liuyu implements: basic CQL2 (with DATE and
 * TIMESTAMP literals), advanced comparison operators (LIKE, BETWEEN, IN), property-property
 * comparisons and the spatial functions on WKT and BBOX literals. Rule names follow the OGC's BNF
 * (cql2.bnf); the BNF's left-recursive booleanExpression is written with the usual precedence (NOT
 * over AND over OR). Temporal functions, arrays, arithmetic and functions are left out: no layer
 * carries time, and none of their classes is declared.
 * Keywords are case-insensitive.
 */
grammar Cql2;

options { caseInsensitive = true; }

filter : booleanExpression EOF ;

booleanExpression : booleanTerm (OR booleanTerm)* ;
booleanTerm : booleanFactor (AND booleanFactor)* ;
booleanFactor : NOT? booleanPrimary ;
booleanPrimary
    : predicate
    | booleanLiteral
    | LEFTPAREN booleanExpression RIGHTPAREN
    ;

predicate
    : binaryComparisonPredicate
    | isLikePredicate
    | isBetweenPredicate
    | isInListPredicate
    | isNullPredicate
    | spatialPredicate
    ;

binaryComparisonPredicate : scalarExpression comparisonOperator scalarExpression ;
comparisonOperator : EQ | NEQ | LT | GT | LTEQ | GTEQ ;

isLikePredicate : characterExpression NOT? LIKE patternExpression ;
patternExpression : characterLiteral ;

isBetweenPredicate : numericExpression NOT? BETWEEN numericExpression AND numericExpression ;

isInListPredicate : scalarExpression NOT? IN LEFTPAREN scalarExpression (COMMA scalarExpression)* RIGHTPAREN ;

isNullPredicate : isNullOperand IS NOT? NULL ;
isNullOperand : scalarExpression | spatialLiteral ;

spatialPredicate : SPATIAL_OPERATOR LEFTPAREN geomExpression COMMA geomExpression RIGHTPAREN ;
geomExpression : spatialLiteral | propertyName ;

scalarExpression : characterLiteral | numericLiteral | booleanLiteral | instantLiteral | propertyName ;
characterExpression : characterLiteral | propertyName ;
numericExpression : numericLiteral | propertyName ;

propertyName : IDENTIFIER | QUOTED_IDENTIFIER ;
characterLiteral : STRING ;
numericLiteral : NUMBER ;
booleanLiteral : TRUE | FALSE ;
instantLiteral : DATE LEFTPAREN STRING RIGHTPAREN | TIMESTAMP LEFTPAREN STRING RIGHTPAREN ;

// Well-known text (2D; a third ordinate is read and dropped) and the BBOX literal
spatialLiteral : geometryLiteral | bboxLiteral ;
geometryLiteral
    : POINT pointText
    | LINESTRING lineStringText
    | POLYGON polygonText
    | MULTIPOINT LEFTPAREN pointOrCoordinate (COMMA pointOrCoordinate)* RIGHTPAREN
    | MULTILINESTRING LEFTPAREN lineStringText (COMMA lineStringText)* RIGHTPAREN
    | MULTIPOLYGON LEFTPAREN polygonText (COMMA polygonText)* RIGHTPAREN
    | GEOMETRYCOLLECTION LEFTPAREN geometryLiteral (COMMA geometryLiteral)* RIGHTPAREN
    ;
pointText : LEFTPAREN coordinate RIGHTPAREN ;
pointOrCoordinate : pointText | coordinate ;
lineStringText : LEFTPAREN coordinate (COMMA coordinate)* RIGHTPAREN ;
polygonText : LEFTPAREN lineStringText (COMMA lineStringText)* RIGHTPAREN ;
coordinate : NUMBER NUMBER NUMBER? ;
bboxLiteral : BBOX LEFTPAREN NUMBER COMMA NUMBER COMMA NUMBER COMMA NUMBER (COMMA NUMBER COMMA NUMBER)? RIGHTPAREN ;

AND : 'AND' ;
OR : 'OR' ;
NOT : 'NOT' ;
LIKE : 'LIKE' ;
BETWEEN : 'BETWEEN' ;
IN : 'IN' ;
IS : 'IS' ;
NULL : 'NULL' ;
TRUE : 'TRUE' ;
FALSE : 'FALSE' ;
POINT : 'POINT' ;
LINESTRING : 'LINESTRING' ;
POLYGON : 'POLYGON' ;
MULTIPOINT : 'MULTIPOINT' ;
MULTILINESTRING : 'MULTILINESTRING' ;
MULTIPOLYGON : 'MULTIPOLYGON' ;
GEOMETRYCOLLECTION : 'GEOMETRYCOLLECTION' ;
BBOX : 'BBOX' ;
DATE : 'DATE' ;
TIMESTAMP : 'TIMESTAMP' ;
SPATIAL_OPERATOR : 'S_INTERSECTS' | 'S_EQUALS' | 'S_DISJOINT' | 'S_TOUCHES' | 'S_WITHIN' | 'S_OVERLAPS' | 'S_CROSSES' | 'S_CONTAINS' ;

EQ : '=' ;
NEQ : '<>' ;
LTEQ : '<=' ;
GTEQ : '>=' ;
LT : '<' ;
GT : '>' ;
LEFTPAREN : '(' ;
RIGHTPAREN : ')' ;
COMMA : ',' ;

NUMBER : [+-]? (DIGIT+ ('.' DIGIT*)? | '.' DIGIT+) ('E' [+-]? DIGIT+)? ;
// a quote inside a string is written twice: 'O''Brien'
STRING : '\'' (~'\'' | '\'\'')* '\'' ;
IDENTIFIER : IDENTIFIER_START IDENTIFIER_PART* ;
QUOTED_IDENTIFIER : '"' ~'"'+ '"' ;

fragment DIGIT : [0-9] ;
fragment IDENTIFIER_START
    : [:_A-Z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFE\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]
    ;
fragment IDENTIFIER_PART : IDENTIFIER_START | [.0-9\u0300-\u036F\u203F-\u2040] ;

WS : [ \t\r\n]+ -> skip ;
